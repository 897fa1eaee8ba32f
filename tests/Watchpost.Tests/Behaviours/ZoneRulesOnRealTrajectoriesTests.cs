using Watchpost.Behaviours;
using Watchpost.Behaviours.Geometry;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Behaviours.ZoneEnter;
using Watchpost.Configuration;
using Watchpost.Evaluation;
using Watchpost.Tests.Support;
using Watchpost.Tracking;
using Xunit.Abstractions;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// The line and zone rules on the real, hand-labelled trajectories of PETS09-S2L1 (vtest.avi, 768x576, 7 fps):
/// every ground-truth box is fed as a matched, confirmed track, and what the rules raise is compared with the
/// crossings and entries counted directly from the trajectories.
/// </summary>
public class ZoneRulesOnRealTrajectoriesTests(ITestOutputHelper output)
{
    private const double Fps = 7;

    private static List<(double Seconds, Track[] Tracks)> Frames()
    {
        // Like the other footage tests: a missing file fails with where it was looked for and how to fetch it (xunit 2 cannot skip at run time).
        return [.. MotChallengeFile.ReadGroundTruth(TestAssets.GroundTruth).GroupBy(b => b.Frame).OrderBy(g => g.Key)
            .Select(g => ((g.Key - 1) / Fps, g.Select(b => new Track(b.Id, b.Box, 0, 1f, true, true, 10, TimeSpan.Zero)).ToArray()))];
    }

    private static List<BehaviourEvent> Run(RuleOptions rule, List<(double, Track[])> frames, IEnumerable<ZoneOptions>? zones = null, IEnumerable<LineOptions>? lines = null)
    {
        var harness = new RuleHarness(rule, zones, lines);
        var events = new List<BehaviourEvent>();
        foreach (var (t, tracks) in frames)
        {
            harness.Step(t, tracks, events);
        }

        return [.. events.Where(e => e.Phase == RulePhase.Started)];
    }

    [GroundTruthTheory]
    [InlineData(400, 150, 400, 560)]   // a vertical line down the middle of the square
    [InlineData(80, 330, 700, 330)]    // a horizontal one across it
    [InlineData(250, 200, 450, 450)]   // a short diagonal
    public void Line_crossings_match_the_trajectories(float x1, float y1, float x2, float y2)
    {
        var frames = Frames();
        var segment = new LineSegment((x1, y1), (x2, y2));

        // Direct count: consecutive sightings of one person less than a second apart whose step goes through the segment.
        var expected = new List<(int Id, string Direction)>();
        var last = new Dictionary<int, (double T, float X, float Y)>();
        foreach (var (t, tracks) in frames)
        {
            foreach (var track in tracks)
            {
                var (x, y) = track.Box.GroundPoint;
                if (last.TryGetValue(track.Id, out var p) && t - p.T < 1 && segment.Side(p.X, p.Y) != segment.Side(x, y) && segment.Side(x, y) != 0 && segment.Intersects(p.X, p.Y, x, y))
                {
                    expected.Add((track.Id, segment.Side(p.X, p.Y) > 0 ? "a_to_b" : "b_to_a"));
                }

                last[track.Id] = (t, x, y);
            }
        }

        var fired = Run(new LineCrossingRuleOptions { Id = "r", Line = "l", CooldownSeconds = 0 }, frames, lines: [Line("l", x1, y1, x2, y2)])
            .Select(e => (e.Signal.TrackId ?? 0, (string)e.Signal.Details["direction"])).ToList();

        output.WriteLine($"line ({x1},{y1})-({x2},{y2}): {expected.Count} crossings in the trajectories ({expected.Count(e => e.Direction == "a_to_b")} a_to_b), {fired.Count} raised");
        Assert.True(expected.Count >= 5, $"the line should be crossed in this footage: {expected.Count}");

        // Every raised crossing is one of the trajectories'; wobbling on the line (counted each time directly) may be raised once.
        Assert.All(fired.GroupBy(f => f), g => Assert.True(g.Count() <= expected.Count(e => e == g.Key), $"{g.Key} raised {g.Count()} times"));
        Assert.True(fired.Count >= expected.Count * 0.9, $"{fired.Count} of {expected.Count} crossings raised");
    }

    [GroundTruthFact]
    public void Zone_entries_match_the_trajectories()
    {
        var frames = Frames();
        var zone = new ZoneOptions { Id = "z", Camera = Camera, Polygon = [[250, 250], [550, 250], [550, 450], [250, 450]] };
        var polygon = new Polygon(zone.Polygon.Select(p => (p[0], p[1])));

        // Direct count: a person seen outside, then inside, after being outside (or unseen) for at least a second.
        var expected = 0;
        var state = new Dictionary<int, (bool SeenOutside, double LastInside, bool Inside)>();
        foreach (var (t, tracks) in frames)
        {
            foreach (var track in tracks)
            {
                var (x, y) = track.Box.GroundPoint;
                var inside = polygon.Contains(x, y);
                (bool SeenOutside, double LastInside, bool Inside) s = state.TryGetValue(track.Id, out var known) ? known : (false, double.NegativeInfinity, false);
                if (inside && !s.Inside && s.SeenOutside && t - s.LastInside >= 1)
                {
                    expected++;
                }

                state[track.Id] = (s.SeenOutside || !inside, inside ? t : s.LastInside, inside || (s.Inside && t - s.LastInside < 1));
            }
        }

        var fired = Run(new ZoneEnterRuleOptions { Id = "r", Zone = "z", CooldownSeconds = 0 }, frames, zones: [zone]);

        output.WriteLine($"zone: {expected} entries in the trajectories, {fired.Count} raised");
        Assert.True(expected >= 5, $"people should walk into this zone: {expected}");
        Assert.InRange(fired.Count, expected * 0.9, expected * 1.1);
    }
}
