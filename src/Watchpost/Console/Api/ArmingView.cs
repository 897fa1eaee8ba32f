namespace Watchpost.WebConsole.Api;

/// <summary>What POST /api/arming did: whether it went through (else why not), whether anything changed, and every rule's state after.</summary>
public sealed record ArmingView(bool Succeeded, string? Error, bool Changed, string Message, IReadOnlyList<RuleStateView> Rules);
