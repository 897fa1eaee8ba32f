using Watchpost.Bench;

namespace Watchpost.Tests.Bench;

public sealed class WalkInAnalysisTests
{
    // 20 s empty, 4 s walk-in, three times: a 72 s clip with walk-ins at 20, 44 and 68 s.
    private static readonly QuietScene Scene = QuietScene.Default;
    private static readonly DateTimeOffset ClipStart = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_timetable_places_every_walk_in_after_its_empty_stretch_and_loops()
    {
        Assert.Equal(72, Scene.LengthSeconds);
        Assert.Equal(720, Scene.LengthFrames);
        Assert.Equal([20.0, 44.0, 68.0], [Scene.WalkInStart(0), Scene.WalkInStart(1), Scene.WalkInStart(2)]);
        Assert.Null(Scene.WalkInAt(10));
        Assert.Equal((0L, 1, 0.5), Scene.WalkInAt(44.5)!.Value);
        Assert.Equal((2L, 0, 1.25), Scene.WalkInAt((2 * 72) + 21.25)!.Value);
        Assert.Null(Scene.WalkInAt(24.01));
    }

    [Fact]
    public void Each_walk_in_in_the_window_counts_its_first_event_and_one_later_than_a_second_or_never_seen_is_missed()
    {
        var window = (ClipStart.AddSeconds(5), ClipStart.AddSeconds(80));

        // Walk-ins in the window: 20, 44, 68 s (loop 0); loop 1's at 92 s is past it.
        IReadOnlyList<DateTimeOffset> events = [ClipStart.AddSeconds(20.4), ClipStart.AddSeconds(20.9), ClipStart.AddSeconds(45.5), ClipStart.AddSeconds(30)];
        var result = WalkInAnalysis.Analyse(Scene, window.Item1, window.Item2, [(ClipStart, events)]);

        Assert.Equal(3, result.WalkIns);
        Assert.Equal(2, result.Detected);
        Assert.Equal(2, result.MissedOver1S); // 44 s seen after 1.5 s, 68 s never
        Assert.Equal(1.5, result.WalkInDetectSMax, 9);
        Assert.Equal(1.5, result.WalkInDetectSP50, 9);
    }

    [Fact]
    public void A_walk_in_too_close_to_the_end_of_the_window_is_not_counted()
    {
        var result = WalkInAnalysis.Analyse(Scene, ClipStart, ClipStart.AddSeconds(21), [(ClipStart, [])]);
        Assert.Equal(0, result.WalkIns);
        Assert.Equal(0, result.MissedOver1S);
    }
}
