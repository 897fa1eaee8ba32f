namespace Watchpost.Behaviours;

/// <summary>One thing an operator arms or disarms: everything, or a camera, zone, line or rule by its id in the site file.</summary>
/// <param name="Id">The id in the site file; null for <see cref="ArmingScope.Everything"/>.</param>
public sealed record ArmingTarget(ArmingScope Scope, string? Id)
{
    public static ArmingTarget Everything { get; } = new(ArmingScope.Everything, null);

    public static ArmingTarget Camera(string id) => new(ArmingScope.Camera, id);

    public static ArmingTarget Zone(string id) => new(ArmingScope.Zone, id);

    public static ArmingTarget Line(string id) => new(ArmingScope.Line, id);

    public static ArmingTarget Rule(string id) => new(ArmingScope.Rule, id);

    /// <summary>"everything", "camera 'gate-1'": for logs, replies and errors.</summary>
    public override string ToString() => Scope == ArmingScope.Everything ? "everything" : $"{ScopeName(Scope)} '{Id}'";

    /// <summary>"everything", "camera", "zone", "line", "rule": the names the state file (and commands) use.</summary>
    public static string ScopeName(ArmingScope scope) => scope switch
    {
        ArmingScope.Everything => "everything",
        ArmingScope.Camera => "camera",
        ArmingScope.Zone => "zone",
        ArmingScope.Line => "line",
        ArmingScope.Rule => "rule",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>The scope a name of <see cref="ScopeName"/> stands for (case-insensitive); null when it is none.</summary>
    public static ArmingScope? ParseScope(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "everything" or "all" => ArmingScope.Everything,
        "camera" => ArmingScope.Camera,
        "zone" => ArmingScope.Zone,
        "line" => ArmingScope.Line,
        "rule" => ArmingScope.Rule,
        _ => null,
    };
}
