using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watchpost.Events;

namespace Watchpost.WebConsole.Live;

/// <summary>
/// The one subscriber of <see cref="IEventFeed"/> for all connected consoles (GET /api/stream): it numbers each
/// stored change (<c>seq</c>, from 1 for the life of the process), encodes it once, keeps the last
/// <see cref="Capacity"/> in a ring for a console that reconnects, and hands it to each console's bounded queue.
/// A console whose queue is full is dropped (it gets a reset and reloads), so memory stays bounded whatever the
/// consoles do: the ring plus <see cref="ClientQueue"/> messages per console.
/// </summary>
public sealed class LiveChanges : BackgroundService
{
    public const int Capacity = 2000;

    public const int ClientQueue = 512;

    private readonly IEventFeed _feed;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger<LiveChanges> _logger;
    private readonly LiveFrame?[] _ring = new LiveFrame?[Capacity];
    private readonly HashSet<LiveSubscriber> _subscribers = [];
    private readonly Lock _gate = new();
    private long _seq;
    private bool _stopped;

    public LiveChanges(IEventFeed feed, IOptions<JsonOptions> json, ILogger<LiveChanges> logger)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(logger);
        _feed = feed;
        _json = json.Value.SerializerOptions;
        _logger = logger;
    }

    /// <summary>How often each console gets a <c>: ping</c> comment (15 s; shorter in tests).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The number of the last change (0 before the first).</summary>
    public long Seq
    {
        get
        {
            lock (_gate)
            {
                return _seq;
            }
        }
    }

    public int Consoles
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Consoles dropped because they did not read their queue.</summary>
    public long Dropped { get; private set; }

    /// <summary>
    /// Connects a console. With <paramref name="after"/> (its Last-Event-ID) it first gets every change after that
    /// still in the ring, or a reset when that gap is lost (older than the ring, or a number this process never
    /// gave, i.e. before a restart). Replay and live changes are taken under one lock: none lost, none twice.
    /// </summary>
    internal LiveSubscriber Subscribe(long? after)
    {
        lock (_gate)
        {
            IReadOnlyList<LiveFrame> first = [];
            if (after is { } a && a != _seq)
            {
                var oldest = Math.Max(1, _seq - Capacity + 1);
                first = a > _seq || a + 1 < oldest
                    ? [LiveFrame.Reset(_seq)]
                    : [.. Enumerable.Range(0, (int)(_seq - a)).Select(i => _ring[(a + 1 + i) % Capacity]!)];
            }

            var subscriber = new LiveSubscriber(ClientQueue) { First = first };
            if (_stopped)
            {
                subscriber.Complete();
            }
            else
            {
                _subscribers.Add(subscriber);
            }

            return subscriber;
        }
    }

    internal void Unsubscribe(LiveSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>A reset at the current number (for a console that was dropped).</summary>
    internal LiveFrame ResetFrame() => LiveFrame.Reset(Seq);

    /// <summary>Numbers, keeps and hands out one change (the feed loop calls it; tests may too).</summary>
    internal void Publish(EventChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var seq = _seq + 1;
            var json = JsonSerializer.SerializeToUtf8Bytes(
                new ChangeView(seq, change.Kind, change.At, change.Operator, change.Note, EventView.From(change.Event)), _json);
            var frame = LiveFrame.Change(seq, json);
            _seq = seq;
            _ring[seq % Capacity] = frame;
            Offer(frame);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var pings = new PeriodicTimer(PingInterval);
        var pinging = PingAsync(pings, stoppingToken);
        try
        {
            await foreach (var change in _feed.SubscribeAsync(stoppingToken))
            {
                try
                {
                    Publish(change);
                }
                catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
                {
                    _logger.LogError(e, "Could not send the {Kind} change of event {EventId} to the consoles", change.Kind, change.Event.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            StopAll();
            await pinging;
        }
    }

    private async Task PingAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                lock (_gate)
                {
                    Offer(LiveFrame.Ping);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Queues a message for every console (under the gate); a console whose queue is full is dropped.</summary>
    private void Offer(LiveFrame frame)
    {
        List<LiveSubscriber>? dropped = null;
        foreach (var subscriber in _subscribers)
        {
            if (!subscriber.Offer(frame))
            {
                (dropped ??= []).Add(subscriber);
            }
        }

        if (dropped is null)
        {
            return;
        }

        foreach (var subscriber in dropped)
        {
            _subscribers.Remove(subscriber);
        }

        Dropped += dropped.Count;
        _logger.LogWarning("Dropped {Count} console(s) from the live stream: they fell {Queue} messages behind (they reconnect and reload)", dropped.Count, ClientQueue);
    }

    private void StopAll()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Complete();
            }

            _subscribers.Clear();
        }
    }
}
