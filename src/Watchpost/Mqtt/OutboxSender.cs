using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Watchpost.Events;

namespace Watchpost.Mqtt;

/// <summary>
/// Sends the outbox over the appliance's one <see cref="IMqttConnection"/>: messages in order at their QoS,
/// several awaiting their PUBACK at once; a message leaves the outbox only once the broker has taken it. It wakes
/// when a change is stored (<see cref="IEventFeed"/>), when the connection (re)connects, and on a poll interval
/// (another process, e.g. the CLI, may enqueue). A message the broker refuses for good (not authorised, quota,
/// bad topic...) is set aside, counted and logged, so it does not block the ones behind it; an alert that
/// reached nobody (no matching subscribers) is deferred and tried again later and on every reconnect.
/// </summary>
public sealed class OutboxSender : IHostedService, IAsyncDisposable
{
    private const int BatchSize = 64;

    /// <summary>Most QoS-1 publishes awaiting their PUBACK at once (less when the broker's receive maximum is lower).</summary>
    private const int MaxInFlight = 16;

    private readonly IMqttConnection _connection;
    private readonly IAlertOutbox _outbox;
    private readonly IEventFeed _feed;
    private readonly OutboxSenderSettings _settings;
    private readonly AlertLatencyStats _latency;
    private readonly ILogger<OutboxSender> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Alerts this process deferred, to try again at once when the connection comes back (or a client subscribes).</summary>
    private readonly ConcurrentDictionary<long, byte> _deferred = new();
    private Task? _loop;
    private Task? _feedLoop;
    private int _retryDeferred;
    private long _sent;
    private long _delivered;
    private long _deferredCount;
    private long _setAside;

    public OutboxSender(IMqttConnection connection, IAlertOutbox outbox, IEventFeed feed, OutboxSenderSettings settings,
        AlertLatencyStats latency, ILogger<OutboxSender> logger)
    {
        _connection = connection;
        _outbox = outbox;
        _feed = feed;
        _settings = settings;
        _latency = latency;
        _logger = logger;
        _connection.Connected += OnConnectedAsync;
    }

    /// <summary>Publishes started since start (each try of a message counts).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages the broker took (and, for an alert, routed to a subscriber) and that left the outbox.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Times an alert reached no subscriber and was put back to be tried again.</summary>
    public long Deferred => Interlocked.Read(ref _deferredCount);

    /// <summary>Messages the broker refused for good, taken out of the sending order and kept in the store.</summary>
    public long SetAside => Interlocked.Read(ref _setAside);

    /// <summary>Wakes the sender (something was enqueued). Never blocks.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>Tries the deferred alerts again now, e.g. because a client has just subscribed.</summary>
    public void RetryDeferred()
    {
        Interlocked.Exchange(ref _retryDeferred, 1);
        Wake();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        _feedLoop ??= Task.Run(() => WatchFeedAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops after a short flush of the outbox; what is not acknowledged stays there for the next start.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        using var hardStop = cancellationToken.Register(_abort.Cancel);
        await _loop;
        if (_feedLoop is not null)
        {
            await _feedLoop;
        }

        if (_connection.IsConnected)
        {
            using var flush = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            flush.CancelAfter(_settings.FlushOnStop);
            try
            {
                await DrainAsync(flush.Token, CancellationToken.None);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                _logger.LogWarning("MQTT outbox sender stopped before the outbox was flushed ({Reason}); the rest goes out after the next start.", ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _connection.Connected -= OnConnectedAsync;
        _wake.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }

    private Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        RetryDeferred();   // a controller may have (re)subscribed while the connection was down
        return Task.CompletedTask;
    }

    private async Task WatchFeedAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in _feed.SubscribeAsync(stopping))
            {
                Wake();   // the change is stored, and its messages with it
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Not fatal: the poll interval still finds what was enqueued.
            _logger.LogWarning(ex, "The outbox sender stopped following the event feed; it polls the outbox every {Interval:0}s", _settings.PollInterval.TotalSeconds);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wait = _settings.PollInterval;
            try
            {
                if (_connection.IsConnected)
                {
                    if (Interlocked.Exchange(ref _retryDeferred, 0) == 1)
                    {
                        await RetryDeferredNowAsync(stopping);
                    }

                    await DrainAsync(_abort.Token, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Lost the broker while sending (or the outbox failed): the message is still in the outbox.
                _logger.LogWarning("MQTT delivery to {Broker} interrupted: {Reason}", _connection.Broker, ex.Message);
                wait = _settings.RetryAfterFailure;
            }

            try
            {
                await _wake.WaitAsync(wait, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RetryDeferredNowAsync(CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        foreach (var sequence in _deferred.Keys)
        {
            await _outbox.DeferAsync(sequence, now, cancellationToken);
            _deferred.TryRemove(sequence, out _);
        }
    }

    /// <summary>Sends pending messages in order until the outbox has none left to send now.</summary>
    private async Task DrainAsync(CancellationToken abort, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var batch = await _outbox.ListPendingAsync(BatchSize, abort);
            if (batch.Count == 0 || stopping.IsCancellationRequested)
            {
                return;
            }

            await SendAsync(batch, abort);
        }
    }

    /// <summary>
    /// Publishes the messages in order with up to a window of them awaiting their PUBACK (MQTTnet writes them to
    /// the socket in the order they were started; a sliding window, so the stream never stalls on a broker that
    /// holds back small packets), then settles each by the broker's answer: taken (removed from the outbox in one
    /// write), refused for good (set aside), or an alert nobody received (deferred). When the connection fails,
    /// only those before the failure are settled: the rest stay in the outbox, in order, and go out again
    /// (receivers drop duplicates by message id), so no alert overtakes one that did not arrive.
    /// </summary>
    private async Task SendAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var window = SendWindow();
        var inFlight = new Queue<(OutboxMessage Message, Task<MqttClientPublishResult> Send)>(window);
        var delivered = new List<(OutboxMessage Message, DateTime At)>(messages.Count);
        var refused = new List<(OutboxMessage Message, string Reason)>();
        var noSubscribers = new List<OutboxMessage>();
        (OutboxMessage Message, Exception Error)? failure = null;
        var next = 0;
        while (next < messages.Count || inFlight.Count > 0)
        {
            while (failure is null && next < messages.Count && inFlight.Count < window)
            {
                inFlight.Enqueue((messages[next], PublishAsync(messages[next], cancellationToken)));
                Interlocked.Increment(ref _sent);
                next++;
            }

            if (inFlight.Count == 0)
            {
                break;
            }

            var (message, send) = inFlight.Dequeue();
            try
            {
                var result = await send;
                if (failure is not null)
                {
                    continue;
                }

                switch (Settle(message, result.ReasonCode))
                {
                    case Outcome.Delivered:
                        delivered.Add((message, DateTime.UtcNow));
                        break;
                    case Outcome.NoSubscribers:
                        noSubscribers.Add(message);
                        break;
                    case Outcome.Refused:
                        refused.Add((message, $"{result.ReasonCode}{(string.IsNullOrEmpty(result.ReasonString) ? "" : ": " + result.ReasonString)}"));
                        break;
                    default:
                        failure = (message, new MQTTnet.Exceptions.MqttCommunicationException($"the broker did not take the message ({result.ReasonCode} {result.ReasonString})"));
                        break;
                }
            }
            catch (Exception ex) when (failure is null && IsUnsendable(ex))
            {
                // MQTTnet refused it before it left (a topic with wildcards, a bad QoS): it would never go.
                refused.Add((message, ex.Message));
            }
            catch (Exception ex)
            {
                failure ??= (message, ex);
            }
        }

        await SettleAsync(delivered, refused, noSubscribers);
        if (failure is { } failed)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                await _outbox.RecordAttemptAsync(failed.Message.Sequence, CancellationToken.None);
            }

            ExceptionDispatchInfo.Throw(failed.Error);
        }
    }

    private async Task SettleAsync(List<(OutboxMessage Message, DateTime At)> delivered,
        List<(OutboxMessage Message, string Reason)> refused, List<OutboxMessage> noSubscribers)
    {
        if (delivered.Count > 0)
        {
            await _outbox.MarkDeliveredAsync(delivered.Select(a => a.Message.Sequence).ToList(), CancellationToken.None);
            Interlocked.Add(ref _delivered, delivered.Count);
            foreach (var (message, acknowledgedAt) in delivered)
            {
                if (message.FrameReceivedAt is { } receivedAt)
                {
                    _latency.Record(acknowledgedAt - receivedAt);
                }

                _logger.LogDebug("Delivered message {MessageId} on {Topic}", message.MessageId, message.Topic);
            }
        }

        foreach (var (message, reason) in refused)
        {
            await _outbox.SetAsideAsync(message.Sequence, reason, CancellationToken.None);
            var total = Interlocked.Increment(ref _setAside);
            _logger.LogError("MQTT broker {Broker} refused message {MessageId} on {Topic} (event {EventId}): {Reason}; set aside ({Total} so far), the messages behind it go on",
                _connection.Broker, message.MessageId, message.Topic, message.EventId, reason, total);
        }

        if (noSubscribers.Count > 0)
        {
            var now = DateTime.UtcNow;
            var gaveUp = 0;
            foreach (var message in noSubscribers)
            {
                if (now - message.CreatedAt > _settings.GiveUpNoSubscribers)
                {
                    await _outbox.SetAsideAsync(message.Sequence, $"no subscriber for {_settings.GiveUpNoSubscribers.TotalHours:0} h", CancellationToken.None);
                    _deferred.TryRemove(message.Sequence, out _);
                    Interlocked.Increment(ref _setAside);
                    gaveUp++;
                    continue;
                }

                await _outbox.DeferAsync(message.Sequence, now + NoSubscriberDelay(message.Attempts), CancellationToken.None);
                await _outbox.RecordAttemptAsync(message.Sequence, CancellationToken.None);
                _deferred.TryAdd(message.Sequence, 0);
            }

            var total = Interlocked.Add(ref _deferredCount, noSubscribers.Count - gaveUp);
            _logger.LogWarning("{Count} alert(s) reached no subscriber on {Broker} (first {MessageId} on {Topic}); kept in the outbox and tried again later, at once on reconnect or when a client subscribes ({Total} deferrals so far; {GaveUp} set aside after {Hours:0} h without a subscriber)",
                noSubscribers.Count, _connection.Broker, noSubscribers[0].MessageId, noSubscribers[0].Topic, total, gaveUp, _settings.GiveUpNoSubscribers.TotalHours);
        }
    }

    /// <summary>30 s, 1 min, 2 min ... up to the maximum: a box nobody subscribes to does not re-send its backlog every 30 s.</summary>
    internal TimeSpan NoSubscriberDelay(int attempts) =>
        TimeSpan.FromTicks(Math.Min(_settings.DeferNoSubscribersMax.Ticks, _settings.DeferNoSubscribers.Ticks << Math.Clamp(attempts, 0, 20)));

    /// <summary>What the broker's PUBACK reason means for the message.</summary>
    internal static Outcome Settle(OutboxMessage message, MqttClientPublishReasonCode reason) => reason switch
    {
        MqttClientPublishReasonCode.Success => Outcome.Delivered,

        // Taken, but nobody got it: an alert must wait for a controller; a lifecycle message is only news.
        MqttClientPublishReasonCode.NoMatchingSubscribers => IsAlert(message) ? Outcome.NoSubscribers : Outcome.Delivered,

        // A protocol hiccup, not a verdict on the message: send it again.
        MqttClientPublishReasonCode.PacketIdentifierInUse => Outcome.Retry,

        // NotAuthorized, QuotaExceeded, TopicNameInvalid, PayloadFormatInvalid, ImplementationSpecificError,
        // UnspecifiedError: sending it again gets the same answer.
        _ => Outcome.Refused,
    };

    private static bool IsUnsendable(Exception ex) =>
        ex is MQTTnet.Exceptions.MqttProtocolViolationException or ArgumentException && ex is not OperationCanceledException;

    private static bool IsAlert(OutboxMessage message) => message.Topic.EndsWith("/alerts", StringComparison.Ordinal);

    private int SendWindow()
    {
        // MQTT 5: the broker says how many QoS-1 messages it takes unacknowledged (0 = not said: no limit).
        var receiveMaximum = _connection is MqttConnection connection ? connection.ReceiveMaximum : 0;
        return receiveMaximum > 0 ? Math.Min(MaxInFlight, receiveMaximum) : MaxInFlight;
    }

    private Task<MqttClientPublishResult> PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return _connection.PublishAsync(Build(message), cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<MqttClientPublishResult>(ex);   // settled with the others, in order
        }
    }

    private static MqttApplicationMessage Build(OutboxMessage message)
    {
        return new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)message.QualityOfService)
            .WithRetainFlag(message.Retain)
            .WithContentType("application/json")
            .Build();
    }

    internal enum Outcome
    {
        Delivered,
        NoSubscribers,
        Refused,
        Retry,
    }
}
