using Watchpost.Detection;

namespace Watchpost.Ingest.Motion;

/// <summary>What the motion detector saw in one frame.</summary>
/// <param name="HasMotion">At least one changed area of the minimum size, outside the masks, and no lighting change.</param>
/// <param name="ChangedShare">Share of the unmasked picture that differs from the background (before the area filter).</param>
/// <param name="LightingChange">So much changed at once that it was taken for a change of light: the background was reset to this frame.</param>
/// <param name="Boxes">The moving areas in frame pixels (empty without motion); valid until the detector's next frame.</param>
public readonly record struct MotionResult(bool HasMotion, double ChangedShare, bool LightingChange, IReadOnlyList<BoundingBox> Boxes)
{
    public static MotionResult None { get; } = new(false, 0, false, []);
}
