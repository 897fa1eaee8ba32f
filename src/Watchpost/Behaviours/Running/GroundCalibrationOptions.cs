namespace Watchpost.Behaviours.Running;

/// <summary>
/// Four ground points seen by the camera and where they are on the ground, for speeds in metres:
/// <c>{"image": [[x,y] x4], "ground": [[x_m,y_m] x4]}</c>. Pick four marks on flat ground around the area
/// watched (paving corners, kerb ends), no three on one line, and measure their positions in metres from any
/// corner (a tape along two sides of a rectangle is enough).
/// </summary>
public sealed class GroundCalibrationOptions
{
    /// <summary>The four points in pixels of the camera's native resolution.</summary>
    public List<float[]> Image { get; set; } = [];

    /// <summary>The same four points on the ground, in metres, in the same order.</summary>
    public List<float[]> Ground { get; set; } = [];
}
