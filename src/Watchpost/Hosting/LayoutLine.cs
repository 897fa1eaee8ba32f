namespace Watchpost.Hosting;

/// <summary>A line of one camera, as the editor shows and sends it: its two ends in the camera's native pixels.</summary>
public sealed record LayoutLine(string Id, float[] From, float[] To);
