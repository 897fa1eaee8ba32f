using Watchpost.Events;

namespace Watchpost.Mqtt;

/// <summary>
/// TEMPORARY (issue 6): wakes the <see cref="OutboxSender"/> for a recorder that still calls
/// <see cref="IOutboxSignal"/> instead of publishing on the <see cref="IEventFeed"/>. Delete this file and its one
/// registration in <see cref="MqttServiceCollectionExtensions"/> together with IOutboxSignal.
/// </summary>
internal sealed class OutboxSignalShim(OutboxSender sender) : IOutboxSignal
{
    public void OutboxChanged() => sender.Wake();
}
