namespace Watchpost.Mqtt;

/// <summary>The "object" of an alert: what was seen.</summary>
/// <param name="Box">[x, y, w, h] in pixels of the camera's frame.</param>
public sealed record AlertObject(string Class, int? TrackId, float Score, float[] Box);
