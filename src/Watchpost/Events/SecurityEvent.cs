using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>One event as stored in the event log. All times are UTC (<see cref="DateTimeKind.Utc"/>), to the millisecond.</summary>
/// <param name="Id">Time-ordered unique id (32 hex digits).</param>
/// <param name="StartedAt">Wall-clock time the event started.</param>
/// <param name="RecordedAt">Wall-clock time the event was written to the log.</param>
/// <param name="StreamTimestamp">The stream's own time of the triggering frame.</param>
/// <param name="TrackId">The object's track, or null for a group event.</param>
/// <param name="Details">Rule-specific figures (snake_case keys; values string, double, long or bool).</param>
/// <param name="SnapshotId">File id of the JPEG snapshot in the store, or null when there is none.</param>
public sealed record SecurityEvent(
    string Id,
    DateTime StartedAt,
    DateTime RecordedAt,
    TimeSpan StreamTimestamp,
    string CameraId,
    string? ZoneId,
    string RuleId,
    string Type,
    string Severity,
    string ClassName,
    int? TrackId,
    float Score,
    BoundingBox Box,
    string? SnapshotId,
    EventState State,
    IReadOnlyDictionary<string, object> Details)
{
    /// <summary>Wall-clock time the event ended (the person left, the group dispersed); null while it goes on.</summary>
    public DateTime? EndedAt { get; init; }

    /// <summary>When and by whom the event was acknowledged (the operators' workflow; null until then).</summary>
    public DateTime? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    /// <summary>When and by whom the event was resolved (closed); null until then.</summary>
    public DateTime? ResolvedAt { get; init; }

    public string? ResolvedBy { get; init; }

    /// <summary>The guard the event is assigned to, and since when; null when nobody is.</summary>
    public string? AssignedTo { get; init; }

    public DateTime? AssignedAt { get; init; }

    /// <summary>
    /// The operators' notes, oldest first. Events without notes share one empty list, so that two such events
    /// compare equal as records.
    /// </summary>
    public IReadOnlyList<EventNote> Notes { get; init; } = NoNotes;

    internal static IReadOnlyList<EventNote> NoNotes { get; } = [];

    /// <summary>
    /// Where the object went before the event, oldest first: the bottom centre of its box ([x, y] in pixels of the
    /// snapshot), as the console draws it on the snapshot. Empty for a group event, or when none was kept.
    /// </summary>
    public IReadOnlyList<float[]> Path { get; init; } = NoPath;

    internal static IReadOnlyList<float[]> NoPath { get; } = [];

    /// <summary>The box as the [x, y, w, h] array that payloads and the store use.</summary>
    public float[] BoxArray => [Box.X, Box.Y, Box.Width, Box.Height];
}
