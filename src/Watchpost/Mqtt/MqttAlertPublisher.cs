using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Polly;
using Polly.Retry;
using Watchpost.Events;

namespace Watchpost.Mqtt;

/// <summary>
/// Sends the outbox to the broker: one MQTTnet client (MQTT 5) with automatic reconnect and back-off, a retained
/// availability topic ("online" after connecting, "offline" as the last will and on a clean stop), and outbox
/// messages delivered in order at their QoS, several in flight at once; a message leaves the outbox only after the
/// broker's PUBACK. While the broker is away nothing is dropped: messages wait in the outbox (on disk) and go out
/// when it is back.
/// </summary>
public sealed class MqttAlertPublisher : IHostedService, IAsyncDisposable
{
    private const int BatchSize = 64;

    /// <summary>Most QoS-1 publishes awaiting their PUBACK at once (less when the broker's receive maximum is lower).</summary>
    private const int MaxInFlight = 16;

    private readonly IAlertOutbox _outbox;
    private readonly MqttBrokerEndpoint _broker;
    private readonly MqttAlertPublisherSettings _settings;
    private readonly AlertLatencyStats _latency;
    private readonly ILogger<MqttAlertPublisher> _logger;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly IEventFeed? _feed;
    private Task? _loop;
    private Task? _feedLoop;
    private long _delivered;
    private int _sendWindow = 1;

    public MqttAlertPublisher(IAlertOutbox outbox, MqttBrokerEndpoint broker, MqttAlertPublisherSettings settings,
        AlertLatencyStats latency, ILogger<MqttAlertPublisher> logger, IEventFeed? feed = null)
    {
        _feed = feed;
        _outbox = outbox;
        _broker = broker;
        _settings = settings;
        _latency = latency;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _clientOptions = BuildClientOptions(broker, settings);
        _connectPipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.ReconnectDelay,
                MaxDelay = settings.ReconnectMaxDelay,
                OnRetry = args =>
                {
                    // First failure and then every 20th: a broker away for hours must not flood the log.
                    var level = args.AttemptNumber % 20 == 0 ? LogLevel.Warning : LogLevel.Debug;
                    _logger.Log(level, "Cannot connect to MQTT broker {Broker} (attempt {Attempt}, next in {Delay:0.0}s): {Reason}",
                        _broker, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>True while connected to the broker.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages acknowledged by the broker since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    public MqttBrokerEndpoint Broker => _broker;

    /// <summary>Wakes the sender: called after something was put into the outbox. Never blocks.</summary>
    public void OutboxChanged()
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

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        _feedLoop ??= _feed is null ? Task.CompletedTask : WakeOnChangesAsync(_feed, _stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops sending after a short flush of the outbox, publishes "offline" and disconnects cleanly.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        using var hardStop = cancellationToken.Register(_abort.Cancel);
        try
        {
            await _loop;
            await (_feedLoop ?? Task.CompletedTask);
        }
        catch (OperationCanceledException)
        {
            // Stopped while sending: what was not acknowledged stays in the outbox.
        }

        if (_client.IsConnected)
        {
            using var flush = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            flush.CancelAfter(_settings.FlushOnStop);
            try
            {
                await DrainAsync(flush.Token);
                await _client.PublishAsync(Availability("offline"), flush.Token);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), flush.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                _logger.LogWarning("MQTT publisher stopped before the outbox was flushed ({Reason}); the rest goes out after the next start.", ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.Dispose();
        _wake.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }

    /// <summary>Each stored change may have put messages into the outbox: wake the sender (subscribed before this returns its task).</summary>
    private async Task WakeOnChangesAsync(IEventFeed feed, CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in feed.SubscribeAsync(stopping))
            {
                OutboxChanged();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wait = _settings.PollInterval;
            try
            {
                if (!_client.IsConnected)
                {
                    await _connectPipeline.ExecuteAsync(ConnectAsync, stopping);
                }

                if (!await DrainAsync(_abort.Token, stopping))
                {
                    wait = _settings.ReconnectDelay * 4;   // the broker refused a message: try it again a little later
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Lost the broker while sending (or the outbox failed): the message is still in the outbox, reconnect.
                _logger.LogWarning("MQTT delivery to {Broker} interrupted: {Reason}", _broker, ex.Message);
                wait = _settings.ReconnectDelay;
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

    private async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            var result = await _client.ConnectAsync(_clientOptions, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
            }

            // MQTT 5: the broker says how many QoS-1 messages it takes unacknowledged (0 = not said: no limit).
            _sendWindow = result.ReceiveMaximum is ushort receiveMaximum and > 0 ? Math.Min(MaxInFlight, (int)receiveMaximum) : MaxInFlight;
        }

        await _client.PublishAsync(Availability("online"), cancellationToken);
        _logger.LogInformation("Connected to MQTT broker {Broker} as {ClientId}", _broker, _settings.ClientId);
    }

    /// <summary>Sends pending messages in order until the outbox is empty (true) or the broker refuses one (false).</summary>
    private async Task<bool> DrainAsync(CancellationToken abort, CancellationToken stopping = default)
    {
        while (!stopping.IsCancellationRequested)
        {
            var batch = await _outbox.ListPendingAsync(BatchSize, abort);
            if (batch.Count == 0)
            {
                return true;
            }

            if (stopping.IsCancellationRequested)
            {
                return true;
            }

            if (!await SendAsync(batch, abort))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Publishes the messages in order with up to <see cref="_sendWindow"/> of them awaiting their PUBACK (MQTTnet
    /// writes them to the socket in the order they were started; a sliding window, so the stream never stalls on a
    /// broker that holds back small packets), then removes the acknowledged ones in one outbox write. Only those
    /// before the first failure count as delivered: the rest stay in the outbox, in order, and go out again
    /// (receivers drop duplicates by message id), so no alert overtakes one that did not arrive.
    /// </summary>
    private async Task<bool> SendAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<(OutboxMessage Message, Task<MqttClientPublishResult> Send)>(_sendWindow);
        var acknowledged = new List<(OutboxMessage Message, DateTime At)>(messages.Count);
        (OutboxMessage Message, Exception Error)? failure = null;
        (OutboxMessage Message, MqttClientPublishResult Result)? refusal = null;
        var next = 0;
        while (next < messages.Count || inFlight.Count > 0)
        {
            while (failure is null && refusal is null && next < messages.Count && inFlight.Count < _sendWindow)
            {
                inFlight.Enqueue((messages[next], PublishAsync(messages[next], cancellationToken)));
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
                if (failure is not null || refusal is not null)
                {
                    continue;
                }

                if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    acknowledged.Add((message, DateTime.UtcNow));
                }
                else
                {
                    refusal = (message, result);
                }
            }
            catch (Exception ex)
            {
                failure ??= (message, ex);
            }
        }

        if (acknowledged.Count > 0)
        {
            await _outbox.MarkDeliveredAsync(acknowledged.Select(a => a.Message.Sequence).ToList(), CancellationToken.None);
            Interlocked.Add(ref _delivered, acknowledged.Count);
            foreach (var (message, acknowledgedAt) in acknowledged)
            {
                if (message.FrameReceivedAt is { } receivedAt)
                {
                    _latency.Record(acknowledgedAt - receivedAt);
                }

                _logger.LogDebug("Delivered message {MessageId} on {Topic}", message.MessageId, message.Topic);
            }
        }

        if (failure is { } failed)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                await _outbox.RecordAttemptAsync(failed.Message.Sequence, CancellationToken.None);
            }

            ExceptionDispatchInfo.Throw(failed.Error);
        }

        if (refusal is { } refused)
        {
            // The broker took the message but will not route it (not authorised, quota...). It stays first in the
            // outbox: skipping it would reorder alerts, dropping it would lose one.
            await _outbox.RecordAttemptAsync(refused.Message.Sequence, CancellationToken.None);
            _logger.LogWarning("MQTT broker {Broker} refused message {MessageId} on {Topic}: {Reason} {ReasonString}; keeping it in the outbox",
                _broker, refused.Message.MessageId, refused.Message.Topic, refused.Result.ReasonCode, refused.Result.ReasonString);
            return false;
        }

        return true;
    }

    private async Task<MqttClientPublishResult> PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var mqttMessage = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)message.QualityOfService)
            .WithRetainFlag(message.Retain)
            .WithContentType("application/json")
            .Build();
        return await _client.PublishAsync(mqttMessage, cancellationToken);
    }

    private MqttApplicationMessage Availability(string state) => new MqttApplicationMessageBuilder()
        .WithTopic(_settings.AvailabilityTopic)
        .WithPayload(state)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag(true)
        .Build();

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            _logger.LogWarning("Disconnected from MQTT broker {Broker}: {Reason}; alerts wait in the outbox", _broker, args.Exception?.Message ?? args.Reason.ToString());
        }

        OutboxChanged();   // wake the loop so it reconnects now
        return Task.CompletedTask;
    }

    private static MqttClientOptions BuildClientOptions(MqttBrokerEndpoint broker, MqttAlertPublisherSettings settings)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(settings.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(settings.KeepAlive)
            .WithTimeout(settings.CommunicationTimeout)
            .WithWillTopic(settings.AvailabilityTopic)
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (broker.Username is not null)
        {
            builder = builder.WithCredentials(broker.Username, broker.Password);
        }

        if (broker.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls());
        }

        return builder.Build();
    }
}
