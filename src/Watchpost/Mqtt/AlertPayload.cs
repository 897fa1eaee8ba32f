using System.Text.Json.Serialization;

namespace Watchpost.Mqtt;

/// <summary>
/// The JSON of one alert on <c>&lt;prefix&gt;/&lt;deviceId&gt;/alerts</c> (snake_case keys, see DESIGN.md);
/// serialise it with <see cref="AlertJsonContext"/>.
/// </summary>
/// <param name="MessageId">Stable across re-sends, so receivers can drop duplicates.</param>
/// <param name="StartedAt">UTC, written as ISO-8601 with milliseconds and "Z".</param>
/// <param name="Target">The object that was seen ("object" in the JSON).</param>
/// <param name="SnapshotUrl">Null when the event has no snapshot.</param>
public sealed record AlertPayload(
    string MessageId,
    string EventId,
    string DeviceId,
    string Type,
    string Rule,
    string Severity,
    string Camera,
    string? Zone,
    [property: JsonConverter(typeof(UtcMillisecondsJsonConverter))] DateTime StartedAt,
    [property: JsonPropertyName("object")] AlertObject Target,
    IReadOnlyDictionary<string, object> Details,
    string EventUrl,
    string? SnapshotUrl);
