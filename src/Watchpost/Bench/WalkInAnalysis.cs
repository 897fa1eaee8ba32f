namespace Watchpost.Bench;

/// <summary>
/// How soon each walk-in of the quiet scene was detected on each camera. A camera's publisher sent the clip's first
/// frame at a known wall time, so every walk-in has a wall start; an event's start (the arrival of the frame in
/// which the person was first seen in the zone) falls in at most one walk-in. Walk-ins that began in the window
/// and at least <see cref="Settle"/> before its end are counted; one not detected within <see cref="Limit"/> is missed.
/// </summary>
public static class WalkInAnalysis
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <param name="cameras">Per camera: the wall time of its clip's frame 0 and the start times of its person events.</param>
    public static BenchWalkIns Analyse(QuietScene scene, DateTimeOffset windowStart, DateTimeOffset windowEnd,
        IEnumerable<(DateTimeOffset ClipStart, IReadOnlyList<DateTimeOffset> EventStarts)> cameras)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(cameras);
        var delays = new List<double>();
        var walkIns = 0;
        var missed = 0;
        foreach (var (clipStart, events) in cameras)
        {
            var first = new Dictionary<(long, int), double>();
            foreach (var at in events)
            {
                if (scene.WalkInAt((at - clipStart).TotalSeconds) is { } hit)
                {
                    var key = (hit.Loop, hit.WalkIn);
                    first[key] = first.TryGetValue(key, out var known) ? Math.Min(known, hit.SinceStart) : hit.SinceStart;
                }
            }

            var firstLoop = (long)Math.Floor((windowStart - clipStart).TotalSeconds / scene.LengthSeconds);
            for (var loop = Math.Max(0, firstLoop); ; loop++)
            {
                var loopStart = clipStart + TimeSpan.FromSeconds(loop * scene.LengthSeconds);
                if (loopStart > windowEnd)
                {
                    break;
                }

                for (var w = 0; w < scene.FootageStarts.Count; w++)
                {
                    var start = loopStart + TimeSpan.FromSeconds(scene.WalkInStart(w));
                    if (start < windowStart || start > windowEnd - Settle)
                    {
                        continue;
                    }

                    walkIns++;
                    if (first.TryGetValue((loop, w), out var delay))
                    {
                        delays.Add(delay);
                        missed += delay > Limit.TotalSeconds ? 1 : 0;
                    }
                    else
                    {
                        missed++;
                    }
                }
            }
        }

        delays.Sort();
        return new BenchWalkIns(walkIns, delays.Count, missed,
            delays.Count == 0 ? double.NaN : Math.Round(delays[delays.Count / 2], 3),
            delays.Count == 0 ? double.NaN : Math.Round(delays[^1], 3));
    }
}
