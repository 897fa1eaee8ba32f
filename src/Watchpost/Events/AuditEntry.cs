namespace Watchpost.Events;

/// <summary>One line of the audit trail.</summary>
/// <param name="At">UTC time.</param>
/// <param name="Operator">Who (an operator's or controller's name, or "watchpost" for the appliance).</param>
/// <param name="Action">What, e.g. "ack", "resolve", "note", "assign", "arm", "disarm", "relay", "reload".</param>
/// <param name="Target">What it was done to, e.g. an event id, "rule:night-intrusion", "relay:siren".</param>
/// <param name="Detail">The note, reason or new value, if any.</param>
public sealed record AuditEntry(DateTime At, string Operator, ChangeSource Source, string Action, string Target, string? Detail = null);
