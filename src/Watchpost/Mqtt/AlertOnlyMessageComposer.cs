using Watchpost.Events;

namespace Watchpost.Mqtt;

/// <summary>
/// Stand-in composer until the MQTT contract's composer lands: a new event gets its alert (as the foundation
/// sent it), other changes no message. Registered with TryAdd, so the real composer replaces it.
/// </summary>
internal sealed class AlertOnlyMessageComposer(AlertMessageFactory alerts) : IEventMessageComposer
{
    public IReadOnlyList<OutboxMessage> Compose(EventChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind == EventChangeKind.Started ? [alerts.Create(change.Event, change.FrameReceivedAt)] : [];
    }
}
