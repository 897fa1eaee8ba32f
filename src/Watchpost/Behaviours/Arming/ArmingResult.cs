namespace Watchpost.Behaviours;

/// <summary>
/// What an arm or disarm did, for the reply to an MQTT command or the console: whether it was accepted, what
/// changed and which rules it armed or disarmed.
/// </summary>
public sealed record ArmingResult
{
    /// <summary>False when the command was refused (unknown id, no operator name); <see cref="Error"/> says why and nothing changed.</summary>
    public required bool Succeeded { get; init; }

    public string? Error { get; init; }

    public required ArmingTarget Target { get; init; }

    /// <summary>True for an arm, false for a disarm.</summary>
    public required bool Arm { get; init; }

    public required string By { get; init; }

    public required string Reason { get; init; }

    /// <summary>When the change was made (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>True when the stored state changed (a disarm added or replaced, disarms removed); false when it already was so.</summary>
    public bool Changed { get; init; }

    /// <summary>The disarm now in force (a disarm that succeeded).</summary>
    public ArmingEntry? Entry { get; init; }

    /// <summary>The disarms an arm removed: the target's own and those of everything under it.</summary>
    public IReadOnlyList<ArmingEntry> Cleared { get; init; } = [];

    /// <summary>Rules that were disarmed and are armed now.</summary>
    public IReadOnlyList<string> RulesArmed { get; init; } = [];

    /// <summary>Rules that were armed and are disarmed now.</summary>
    public IReadOnlyList<string> RulesDisarmed { get; init; } = [];

    /// <summary>After an arm: rules under the target that stay disarmed because something broader (everything, their camera) still is.</summary>
    public IReadOnlyList<string> StillDisarmed { get; init; } = [];

    /// <summary>Set when the change is in force but could not be written to the state file (it will not survive a restart).</summary>
    public string? NotSaved { get; init; }

    /// <summary>One line for a reply or a log: what happened.</summary>
    public string Message
    {
        get
        {
            if (!Succeeded)
            {
                return $"refused: {Error}";
            }

            var what = (Arm, Changed) switch
            {
                (true, true) => $"armed {Target}",
                (true, false) => $"{Target} was not disarmed",
                (false, _) => $"disarmed {Target}" + (Entry?.Until is { } until ? $" until {until:u}" : ""),
            };
            var rules = (RulesArmed.Count, RulesDisarmed.Count) switch
            {
                (0, 0) => "no rule changed",
                (var a, 0) => $"{a} rule(s) armed",
                (0, var d) => $"{d} rule(s) disarmed",
                (var a, var d) => $"{a} rule(s) armed, {d} disarmed",
            };
            var still = StillDisarmed.Count > 0 ? $"; still disarmed by a broader disarm: {string.Join(", ", StillDisarmed)}" : "";
            var saved = NotSaved is null ? "" : $"; NOT SAVED ({NotSaved}): lost on restart";
            return $"{what} by {By}: {rules}{still}{saved}";
        }
    }
}
