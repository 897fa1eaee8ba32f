using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Watchpost.Events;

/// <summary>Broadcasts each published change to every subscriber through its own bounded channel; publishing never blocks.</summary>
public sealed class EventFeed : IEventFeed
{
    private readonly int _buffer;
    private readonly ConcurrentDictionary<Channel<EventChange>, byte> _subscribers = new();

    /// <param name="buffer">Changes a subscriber may fall behind before it loses the oldest.</param>
    public EventFeed(int buffer = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buffer);
        _buffer = buffer;
    }

    public int Subscribers => _subscribers.Count;

    /// <summary>Hands the change to every current subscriber (called after the change was stored).</summary>
    public void Publish(EventChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(change);
        }
    }

    public async IAsyncEnumerable<EventChange> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<EventChange>(new BoundedChannelOptions(_buffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers.TryAdd(channel, 0);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }
}
