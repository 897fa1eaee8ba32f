namespace Watchpost.Events;

/// <summary>An operator's change to an event (see <see cref="IEventOperations"/>).</summary>
/// <param name="Kind">Acknowledged, Noted, Assigned or Resolved.</param>
/// <param name="Operator">Who (required).</param>
/// <param name="Note">The note (optional for acknowledge and resolve, required for a note); for Assigned, the guard the event goes to.</param>
public sealed record EventAction(EventChangeKind Kind, string EventId, string Operator, ChangeSource Source, string? Note = null);
