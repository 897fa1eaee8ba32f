using Watchpost.Behaviours;

namespace Watchpost.WebConsole.Api;

/// <summary>One rule with whether it raises events now (armed, disabled, disarmedByOperator, outsideSchedule).</summary>
public sealed record RuleStateView(string RuleId, string Type, string? Camera, RuleArmingStatus Status, bool InSchedule)
{
    public static RuleStateView From(RuleArmingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.RuleId, state.Type, state.CameraId, state.Status, state.InSchedule);
    }
}
