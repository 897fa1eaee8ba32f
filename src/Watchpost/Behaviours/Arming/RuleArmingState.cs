namespace Watchpost.Behaviours;

/// <summary>One rule's effective arming at one instant, for status, the console and MQTT state.</summary>
/// <param name="Status">The first reason that holds of: disabled, disarmed by an operator, outside its schedule; else armed.</param>
/// <param name="DisarmedBy">Every disarm that covers the rule now, broadest first (empty when none).</param>
/// <param name="InSchedule">Whether its schedule has a window now (true for a rule without a schedule).</param>
public sealed record RuleArmingState(
    string RuleId,
    string Type,
    string? CameraId,
    RuleArmingStatus Status,
    IReadOnlyList<ArmingEntry> DisarmedBy,
    bool InSchedule);
