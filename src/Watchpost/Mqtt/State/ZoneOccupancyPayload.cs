namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>zones/&lt;id&gt;/occupancy</c>: how many tracked objects are in the zone now.</summary>
/// <param name="ByClass">Count per COCO class name, e.g. {"person": 2}.</param>
public sealed record ZoneOccupancyPayload(string Zone, string Camera, int Total, IReadOnlyDictionary<string, int> ByClass, DateTime UpdatedAt);
