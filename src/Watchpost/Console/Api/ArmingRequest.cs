namespace Watchpost.WebConsole.Api;

/// <summary>The body of POST /api/arming: <c>{"action": "arm|disarm", "scope": "everything|camera|zone|line|rule", "id", "reason"?}</c>.</summary>
public sealed record ArmingRequest(string? Action, string? Scope, string? Id, string? Reason);
