using System.Text;
using Watchpost.Events;
using Watchpost.Mqtt;

namespace Watchpost.Tests.Events;

/// <summary>
/// A small composer for recorder tests: the foundation's alert for a new event and, when asked, one lifecycle
/// message ("start" / "update" / "end") per change, so tests can see which messages were stored with which change.
/// </summary>
internal sealed class TestMessageComposer(AlertMessageFactory alerts, bool lifecycle = false) : IEventMessageComposer
{
    public const string EventsTopic = "watchpost/test-box/events";

    private int _composed;

    /// <summary>Changes composed so far.</summary>
    public int Composed => Volatile.Read(ref _composed);

    public IReadOnlyList<OutboxMessage> Compose(EventChange change)
    {
        Interlocked.Increment(ref _composed);
        var messages = new List<OutboxMessage>();
        if (change.Kind == EventChangeKind.Started)
        {
            messages.Add(alerts.Create(change.Event, change.FrameReceivedAt));
        }

        if (lifecycle)
        {
            var type = change.Kind switch { EventChangeKind.Started => "start", EventChangeKind.Ended => "end", _ => "update" };
            var payload = Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","event_id":"{{change.Event.Id}}"}""");
            messages.Add(new OutboxMessage(0, Guid.CreateVersion7().ToString("N"), EventsTopic, payload, 1, false, 0, change.At, change.FrameReceivedAt, change.Event.Id));
        }

        return messages;
    }
}
