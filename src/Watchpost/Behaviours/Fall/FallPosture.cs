namespace Watchpost.Behaviours.Fall;

/// <summary>How one observation of a person compares with their own standing box.</summary>
internal enum FallPosture
{
    /// <summary>The top of the box is within half the fall drop of the standing top: standing, walking, or back up.</summary>
    Up,

    /// <summary>Dropped by at least the fall drop and shaped like a body on the ground (wide, or under half the standing height).</summary>
    Lying,

    /// <summary>Anything else: sitting, kneeling, bending, or on the way down.</summary>
    Between,
}
