using System.Threading.Channels;

namespace Watchpost.WebConsole.Live;

/// <summary>
/// One connected console: a bounded queue of messages for it. When it is full (the console does not read), the
/// console is dropped: its queue is completed with <see cref="Overrun"/> set, it gets a reset and reconnects.
/// </summary>
internal sealed class LiveSubscriber
{
    private readonly Channel<LiveFrame> _queue;

    public LiveSubscriber(int capacity)
    {
        _queue = Channel.CreateBounded<LiveFrame>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,   // TryWrite says false when full: the sign of a console too slow
            SingleReader = true,
        });
    }

    public ChannelReader<LiveFrame> Reader => _queue.Reader;

    /// <summary>True when the console fell more than its queue behind and was dropped.</summary>
    public bool Overrun { get; private set; }

    /// <summary>The messages to send before the queue: the replay after the console's last id, or a reset.</summary>
    public IReadOnlyList<LiveFrame> First { get; init; } = [];

    /// <summary>Queues a message; false (and the console dropped) when its queue is full.</summary>
    public bool Offer(LiveFrame frame)
    {
        if (_queue.Writer.TryWrite(frame))
        {
            return true;
        }

        Overrun = true;
        _queue.Writer.TryComplete();
        return false;
    }

    /// <summary>No more messages (the host stops, or the console was dropped).</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
