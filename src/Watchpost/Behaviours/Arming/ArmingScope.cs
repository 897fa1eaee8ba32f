namespace Watchpost.Behaviours;

/// <summary>What an operator arms or disarms, from the broadest to the narrowest.</summary>
public enum ArmingScope
{
    /// <summary>Every rule of the site.</summary>
    Everything,

    /// <summary>Every rule on one camera.</summary>
    Camera,

    /// <summary>Every rule that reads one zone.</summary>
    Zone,

    /// <summary>Every rule that reads one line.</summary>
    Line,

    /// <summary>One rule.</summary>
    Rule,
}
