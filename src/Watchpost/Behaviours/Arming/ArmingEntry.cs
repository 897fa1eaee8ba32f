namespace Watchpost.Behaviours;

/// <summary>One operator's disarm that is in force: what, who, why, since when and, optionally, until when.</summary>
/// <param name="By">The operator's name.</param>
/// <param name="Reason">Why (free text; may be empty).</param>
/// <param name="Since">When it was disarmed (UTC).</param>
/// <param name="Until">When it re-arms by itself (UTC), or null to stay disarmed until someone arms it.</param>
public sealed record ArmingEntry(ArmingTarget Target, string By, string Reason, DateTimeOffset Since, DateTimeOffset? Until);
