using System.Text;
using Watchpost.Events;

namespace Watchpost.Tests.Events;

/// <summary>A stand-in for the Mqtt stage's composer in operations tests: one lifecycle-like message per change, or a failure on demand.</summary>
internal sealed class OperationsTestComposer : IEventMessageComposer
{
    public bool Fail { get; set; }

    public IReadOnlyList<OutboxMessage> Compose(EventChange change)
    {
        if (Fail)
        {
            throw new InvalidOperationException("composer failed");
        }

        var payload = Encoding.UTF8.GetBytes($"{{\"type\":\"{change.Kind}\",\"event_id\":\"{change.Event.Id}\",\"operator\":\"{change.Operator}\"}}");
        return [new OutboxMessage(0, Guid.NewGuid().ToString("N"), "watchpost/test-box/events", payload, 1, false, 0, change.At, null, change.Event.Id)];
    }
}
