using OpenCvSharp;
using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>
/// What a behaviour rule hands to the <see cref="EventRecorder"/> when it fires. The candidate owns
/// <see cref="Frame"/> (a clone of the BGR frame that triggered the rule): whoever ends up holding the candidate
/// disposes it — once passed to <see cref="EventRecorder.TryRecord"/>, that is the recorder. A copy made with
/// <c>with</c> shares the same frame, so hand over only one of them.
/// </summary>
public sealed record EventCandidate : IDisposable
{
    private Mat? _frame;

    /// <param name="frame">A BGR frame the candidate takes ownership of (clone it from the pipeline's frame); null = no snapshot.</param>
    public EventCandidate(Mat? frame) => _frame = frame;

    /// <summary>The event id the rule engine gave the event when the rule fired; null = the recorder assigns one.</summary>
    public string? EventId { get; init; }

    /// <summary>Whether this starts the event, updates it (figures, a better snapshot) or ends it.</summary>
    public EventPhase Phase { get; init; } = EventPhase.Started;

    /// <summary>How good a view the frame gives (bigger, more confident, sharper = higher); an update replaces the stored snapshot only with a better one.</summary>
    public double SnapshotQuality { get; init; }

    /// <summary>The behaviour, e.g. "intrusion".</summary>
    public required string Type { get; init; }

    public required string RuleId { get; init; }

    /// <summary>low, medium, high or critical.</summary>
    public required string Severity { get; init; }

    public required string CameraId { get; init; }

    /// <summary>The zone (or line) the rule watches; null when the rule has none.</summary>
    public string? ZoneId { get; init; }

    public required string ClassName { get; init; }

    /// <summary>The object's track, or null for an event about a group (a gathering).</summary>
    public required int? TrackId { get; init; }

    public required float Score { get; init; }

    /// <summary>The object's box in pixels of <see cref="Frame"/>.</summary>
    public required BoundingBox Box { get; init; }

    /// <summary>The stream's own time of the triggering frame (what the rules ran on).</summary>
    public required TimeSpan StreamTimestamp { get; init; }

    /// <summary>Wall-clock time the event started (e.g. when the object entered the zone).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock time the triggering frame was read: the start of the frame-to-alert latency.</summary>
    public required DateTimeOffset FrameReceivedAt { get; init; }

    /// <summary>Rule-specific figures for the alert's "details" (e.g. duration_s), snake_case keys; values string, double, long or bool.</summary>
    public IReadOnlyDictionary<string, object> Details { get; init; } = new Dictionary<string, object>();

    /// <summary>
    /// Where the object went up to this step, oldest first: the bottom centre of its box as [x, y] in pixels of
    /// <see cref="Frame"/>; empty for a group event.
    /// </summary>
    public IReadOnlyList<float[]> Path { get; init; } = SecurityEvent.NoPath;

    /// <summary>The triggering frame, or null when there is none (or it was given up under overload).</summary>
    public Mat? Frame => _frame;

    /// <summary>Disposes the frame and keeps the rest of the candidate (used when too many frames are queued).</summary>
    internal void ReleaseFrame()
    {
        var frame = Interlocked.Exchange(ref _frame, null);
        frame?.Dispose();
    }

    public void Dispose() => ReleaseFrame();
}
