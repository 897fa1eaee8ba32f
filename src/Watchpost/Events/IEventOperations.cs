namespace Watchpost.Events;

/// <summary>
/// The operators' workflow on stored events, shared by the MQTT commands, the console and the CLI: each change is
/// stored with the operator's name and UTC time, written to the audit trail, announced in the outbox (the
/// lifecycle message) in the same transaction, and then published on the <see cref="IEventFeed"/>.
/// </summary>
public interface IEventOperations
{
    /// <returns>The event as stored after the change.</returns>
    /// <exception cref="EventNotFoundException">No event with <see cref="EventAction.EventId"/>.</exception>
    /// <exception cref="ArgumentException">The action is not valid (no operator, a note too long, ...); nothing was changed.</exception>
    Task<SecurityEvent> ApplyAsync(EventAction action, CancellationToken cancellationToken = default);
}
