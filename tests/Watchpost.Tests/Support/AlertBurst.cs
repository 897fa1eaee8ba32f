using System.Diagnostics;
using Watchpost.Detection;
using Watchpost.Events;

namespace Watchpost.Tests.Support;

/// <summary>
/// Alerts fed to the real <see cref="EventRecorder"/> at a steady rate, as a camera's rules would hand them over:
/// they are stored, announced on MQTT and published on the feed (and so the console's stream) like real ones.
/// </summary>
public static class AlertBurst
{
    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    /// <summary>Records <paramref name="perSecond"/> alerts a second, evenly spaced, for <paramref name="duration"/>; returns how many.</summary>
    public static async Task<int> RunAsync(EventRecorder recorder, double perSecond, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var clock = Stopwatch.StartNew();
        var count = (int)(perSecond * duration.TotalSeconds);
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return i;
                }
            }

            recorder.TryRecord(Candidate(i));
        }

        return count;
    }

    /// <summary>One alert of a burst: an intrusion on one of four cameras, severities in turn, without a snapshot.</summary>
    public static EventCandidate Candidate(int i)
    {
        var now = DateTimeOffset.UtcNow;
        return new EventCandidate(null)
        {
            Type = "intrusion",
            RuleId = "load-intrusion",
            Severity = Severities[i % Severities.Length],
            CameraId = $"load-{i % 4}",
            ZoneId = "yard",
            ClassName = "person",
            TrackId = i,
            Score = 0.8f,
            Box = new BoundingBox(100 + (i % 50), 120, 40, 110),
            StreamTimestamp = TimeSpan.FromMilliseconds(i * 50),
            StartedAt = now,
            FrameReceivedAt = now,
        };
    }
}
