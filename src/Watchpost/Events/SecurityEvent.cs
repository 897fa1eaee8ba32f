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

    /// <summary>The box as the [x, y, w, h] array that payloads and the store use.</summary>
    public float[] BoxArray => [Box.X, Box.Y, Box.Width, Box.Height];
}
