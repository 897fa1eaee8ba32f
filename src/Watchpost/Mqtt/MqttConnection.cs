using System.Collections.Concurrent;
using System.Security.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Polly;
using Polly.Retry;

namespace Watchpost.Mqtt;

/// <summary>
/// The one MQTTnet client of the appliance (see <see cref="IMqttConnection"/>). A background loop connects with
/// exponential back-off and jitter, publishes retained "online" (the last will says "offline"), re-makes the
/// subscriptions and raises <see cref="Connected"/>; when the connection drops it starts again. Stopping publishes
/// "offline" and disconnects cleanly.
/// </summary>
public sealed class MqttConnection : IMqttConnection, IHostedService, IAsyncDisposable
{
    private readonly MqttConnectionSettings _settings;
    private readonly ILogger<MqttConnection> _logger;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _clientOptions;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();
    private readonly SemaphoreSlim _disconnected = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly MqttClientOptionsFactory _optionsFactory;
    private Task? _loop;

    public MqttConnection(MqttBrokerEndpoint broker, MqttConnectionSettings settings, ILogger<MqttConnection> logger)
    {
        Broker = broker;
        _settings = settings;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _optionsFactory = new MqttClientOptionsFactory(broker);
        _clientOptions = _optionsFactory.Build(settings.ClientId, settings.KeepAlive, settings.CommunicationTimeout, settings.AvailabilityTopic);
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
                        Broker, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, Safe(args.Outcome.Exception?.Message));
                    return default;
                },
            })
            .Build();
    }

    public bool IsConnected => _client.IsConnected;

    public MqttBrokerEndpoint Broker { get; }

    public string TopicRoot => _settings.TopicRoot;

    /// <summary>The broker's receive maximum from the last CONNACK (QoS-1 messages it takes unacknowledged); 0 = not said.</summary>
    public int ReceiveMaximum { get; private set; }

    public event Func<CancellationToken, Task>? Connected;

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default) =>
        _client.PublishAsync(message, cancellationToken);

    public IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicFilter);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, topicFilter, handler);
        _subscriptions.TryAdd(subscription, 0);
        if (_client.IsConnected)
        {
            _ = SubscribeNowAsync(subscription);
        }

        return subscription;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Publishes "offline" and disconnects; the outbox sender (which stops first) has had its flush.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _loop;
        if (_client.IsConnected)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await _client.PublishAsync(Availability("offline"), timeout.Token);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                _logger.LogDebug("MQTT disconnect was not clean ({Reason}); the broker publishes the last will", ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _client.DisconnectedAsync -= OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.Dispose();
        _optionsFactory.Dispose();

        _disconnected.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Connects once with this connection's client options (address, TLS and CA file, credentials) under
    /// <paramref name="clientId"/> and without the last will, then disconnects: what <c>watchpost doctor</c> checks,
    /// so that the check neither takes over the running service's session nor leaves "offline" retained. Returns
    /// null when the broker accepted, else why not (never with the password in it).
    /// </summary>
    internal async Task<string?> ProbeAsync(string clientId, CancellationToken cancellationToken)
    {
        var options = _optionsFactory.Build(clientId, _settings.KeepAlive, _settings.CommunicationTimeout, willTopic: null);
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            _optionsFactory.ResetTlsProblem();
            var result = await client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return $"the broker refused the connection: {result.ResultCode} {result.ReasonString}".TrimEnd();
            }

            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = _optionsFactory.TlsProblem is { } tls ? $"TLS refused: {tls}" : e is OperationCanceledException ? "no answer (timed out)" : FirstMessage(e);
            return MqttBrokerEndpoint.Redact(reason, Broker.Password);
        }
    }

    private static string FirstMessage(Exception e) => e.InnerException is { } inner && e.Message.Contains("see inner", StringComparison.OrdinalIgnoreCase)
        ? inner.Message
        : e.Message;

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _connectPipeline.ExecuteAsync(ConnectAsync, stopping);
                await _disconnected.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("MQTT connection to {Broker} failed: {Reason}", Broker, Safe(ex.Message));
                await Task.Delay(_settings.ReconnectDelay, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            MqttClientConnectResult result;
            try
            {
                _optionsFactory.ResetTlsProblem();
                result = await _client.ConnectAsync(_clientOptions, cancellationToken);
            }
            catch (Exception ex) when (_optionsFactory.TlsProblem is { } problem && ex is not OperationCanceledException)
            {
                throw new AuthenticationException($"TLS to {Broker} refused: {problem}", ex);
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
            }

            ReceiveMaximum = result.ReceiveMaximum ?? 0;
        }

        // A disconnect signalled before this connect must not end the wait that follows.
        while (_disconnected.CurrentCount > 0)
        {
            await _disconnected.WaitAsync(cancellationToken);
        }

        await _client.PublishAsync(Availability("online"), cancellationToken);
        foreach (var subscription in _subscriptions.Keys)
        {
            await SubscribeNowAsync(subscription);
        }

        _logger.LogInformation("Connected to MQTT broker {Broker} as {ClientId}", Broker, _settings.ClientId);
        if (Connected is { } connected)
        {
            foreach (var handler in connected.GetInvocationList().Cast<Func<CancellationToken, Task>>())
            {
                try
                {
                    await handler(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "An MQTT on-connect handler failed");
                }
            }
        }
    }

    private async Task SubscribeNowAsync(Subscription subscription)
    {
        try
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(subscription.TopicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), _stopping.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Cannot subscribe to {Topic} on {Broker}: {Reason}", subscription.TopicFilter, Broker, ex.Message);
        }
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        foreach (var subscription in _subscriptions.Keys)
        {
            if (MqttTopicFilterComparer.Compare(args.ApplicationMessage.Topic, subscription.TopicFilter) != MqttTopicFilterCompareResult.IsMatch)
            {
                continue;
            }

            try
            {
                await subscription.Handler(args.ApplicationMessage, _stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Handling an MQTT message on {Topic} failed", args.ApplicationMessage.Topic);
            }
        }
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            _logger.LogWarning("Disconnected from MQTT broker {Broker}: {Reason}", Broker, Safe(args.Exception?.Message ?? args.Reason.ToString()));
        }

        if (_disconnected.CurrentCount == 0)
        {
            try
            {
                _disconnected.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A message for the log with the broker's password (should any library ever echo it) taken out.</summary>
    private string? Safe(string? message) => message is null ? null : MqttBrokerEndpoint.Redact(message, Broker.Password);

    private MqttApplicationMessage Availability(string state) => new MqttApplicationMessageBuilder()
        .WithTopic(_settings.AvailabilityTopic)
        .WithPayload(state)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag(true)
        .Build();

    private sealed class Subscription(MqttConnection owner, string topicFilter, Func<MqttApplicationMessage, CancellationToken, Task> handler) : IDisposable
    {
        public string TopicFilter { get; } = topicFilter;

        public Func<MqttApplicationMessage, CancellationToken, Task> Handler { get; } = handler;

        public void Dispose() => owner._subscriptions.TryRemove(this, out _);
    }
}
