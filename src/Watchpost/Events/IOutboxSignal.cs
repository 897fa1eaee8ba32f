namespace Watchpost.Events;

/// <summary>Told when something was put into the outbox, so that the publisher sends it without waiting to poll.</summary>
public interface IOutboxSignal
{
    void OutboxChanged();
}
