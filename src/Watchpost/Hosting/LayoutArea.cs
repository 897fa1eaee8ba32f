namespace Watchpost.Hosting;

/// <summary>A zone or privacy mask of one camera, as the editor shows and sends it: points in the camera's native pixels.</summary>
public sealed record LayoutArea(string Id, IReadOnlyList<float[]> Polygon);
