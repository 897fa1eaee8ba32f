namespace Watchpost.Events;

/// <summary>
/// Turns a change of the event log into the messages that announce it (for MQTT: the alert and the lifecycle
/// message), which the store writes into the outbox in the same transaction as the change, so that neither is
/// ever stored without the other. Implemented by the Mqtt stage; the event log knows only outbox messages.
/// </summary>
public interface IEventMessageComposer
{
    IReadOnlyList<OutboxMessage> Compose(EventChange change);
}
