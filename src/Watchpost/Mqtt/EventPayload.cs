using System.Text.Json.Serialization;

namespace Watchpost.Mqtt;

/// <summary>
/// The "event" object of a lifecycle message on <c>&lt;prefix&gt;/&lt;deviceId&gt;/events</c>: the event as stored
/// after the change (snake_case keys; times UTC ISO-8601 with milliseconds and "Z"; see docs/mqtt.md).
/// </summary>
/// <param name="Box">[x, y, w, h] in pixels of the camera's frame.</param>
/// <param name="EndedAt">Null while the event goes on.</param>
/// <param name="State">"new", "acknowledged" or "resolved" (the operators' workflow).</param>
/// <param name="SnapshotUrl">Null when the event has no snapshot (yet).</param>
public sealed record EventPayload(
    string Id,
    string Type,
    string Rule,
    string Severity,
    string Camera,
    string? Zone,
    [property: JsonPropertyName("class")] string Class,
    int? TrackId,
    float Score,
    float[] Box,
    DateTime StartedAt,
    DateTime? EndedAt,
    string State,
    IReadOnlyDictionary<string, object> Details,
    string? SnapshotUrl,
    string EventUrl)
{
    /// <summary>When an operator acknowledged the event; null until then.</summary>
    public DateTime? AcknowledgedAt { get; init; }

    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>The guard the event was assigned to.</summary>
    public string? AssignedTo { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public string? ResolvedBy { get; init; }
}
