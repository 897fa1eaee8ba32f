using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Tests.Tracking;

public sealed class TrackPathHistoryTests
{
    [Fact]
    public void A_track_path_is_the_bottom_centre_of_its_box_oldest_first_skipping_small_moves_and_predicted_boxes()
    {
        var paths = new TrackPathHistory(step: 4);
        paths.Update([At(1, 100, 200)]);
        paths.Update([At(1, 101, 200)]);                     // under the step: not kept as a point of its own
        paths.Update([At(1, 110, 200)]);
        paths.Update([At(1, 300, 300, matched: false)]);     // a prediction, not a sighting

        var path = paths.For(1);
        Assert.Equal([[110f, 280f], [120f, 280f]], path.Select(p => p.ToArray()).ToArray());   // box 20x80 at x, y
        Assert.Empty(paths.For(2));
        Assert.Empty(paths.For(null));

        // A box reaching past the frame's edge still gives a point inside the frame.
        paths.Update([At(1, 110, 200), At(2, 760, 550)], 768, 576);
        Assert.Equal([768f, 576f], paths.For(2)[^1]);
    }

    [Fact]
    public void A_long_path_stays_bounded_and_still_starts_where_the_track_did_and_a_gone_track_is_forgotten()
    {
        var paths = new TrackPathHistory(step: 4);
        for (var i = 0; i < 1000; i++)
        {
            paths.Update([At(7, i * 5, 100), At(8, 0, i * 5)]);
        }

        var path = paths.For(7);
        Assert.InRange(path.Count, 16, TrackPathHistory.Capacity + 1);
        Assert.Equal(10f, path[0][0]);              // the first sighting's ground point (x + w/2)
        Assert.Equal(999 * 5 + 10f, path[^1][0]);   // the latest one
        Assert.True(path.Zip(path.Skip(1)).All(p => p.Second[0] > p.First[0]), "points are in time order");

        paths.Update([At(8, 0, 0)]);
        Assert.Empty(paths.For(7));
        Assert.Equal(1, paths.Count);
    }

    private static Track At(int id, float x, float y, bool matched = true) =>
        new(id, new BoundingBox(x, y, 20, 80), 0, 0.9f, true, matched, 5, TimeSpan.Zero);
}
