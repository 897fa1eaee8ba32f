namespace Watchpost.Behaviours.Geometry;

/// <summary>Defaults shared by the zone rules.</summary>
public static class ZoneRules
{
    /// <summary>
    /// How long an object must be outside (or unseen) before its stay ends: longer than a detector miss or a
    /// lamp-post occlusion, shorter than walking out and back in.
    /// </summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(1);
}
