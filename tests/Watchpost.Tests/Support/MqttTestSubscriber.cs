using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Watchpost.Tests.Support;

/// <summary>An MQTTnet client that subscribes to one topic filter and keeps what it receives.</summary>
public sealed class MqttTestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly MqttClientOptions _options;
    private readonly string _topicFilter;

    private MqttTestSubscriber(MqttClientOptions options, string topicFilter)
    {
        _options = options;
        _topicFilter = topicFilter;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var m = args.ApplicationMessage;
            _received.Enqueue(new ReceivedMessage(m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain, (int)m.QualityOfServiceLevel));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<ReceivedMessage> Received => [.. _received];

    /// <param name="persistentSession">Keep the session (and QoS-1 messages queued for it) on the broker while disconnected.</param>
    public static async Task<MqttTestSubscriber> ConnectAsync(string host, int port, string topicFilter,
        string? username = null, string? password = null, bool persistentSession = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-subscriber-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanStart(!persistentSession)
            .WithSessionExpiryInterval(persistentSession ? 3600u : 0u)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }

        var subscriber = new MqttTestSubscriber(builder.Build(), topicFilter);
        await subscriber.ReconnectAsync();
        return subscriber;
    }

    /// <summary>Connects again with the same client id (after a broker restart); subscribes again unless the broker kept the session.</summary>
    public async Task ReconnectAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await _client.ConnectAsync(_options, timeout.Token);
        if (!result.IsSessionPresent)
        {
            await _client.SubscribeAsync(_topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        }
    }

    public async Task<ReceivedMessage?> WaitForAsync(Func<ReceivedMessage, bool> match, TimeSpan timeout)
    {
        ReceivedMessage? found = null;
        await Poll.UntilAsync(() => (found = _received.FirstOrDefault(match)) is not null, timeout);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
        }
        catch (Exception e) when (e is MqttCommunicationException or IOException or ObjectDisposedException)
        {
            // The broker went first (a test stopped it): there is nothing left to say goodbye to.
        }

        _client.Dispose();
    }
}
