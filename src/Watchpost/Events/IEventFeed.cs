namespace Watchpost.Events;

/// <summary>
/// The one stream of stored events and their changes. Each call of <see cref="SubscribeAsync"/> is a subscriber
/// that sees every change published after it subscribed, in order; a subscriber that falls far behind loses the
/// oldest (what must not be lost, the alerts, is in the outbox, not here).
/// </summary>
public interface IEventFeed
{
    IAsyncEnumerable<EventChange> SubscribeAsync(CancellationToken cancellationToken = default);
}
