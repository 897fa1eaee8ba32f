using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>An MQTTnet client for the broker's access tests: any protocol version, client id and session kind; keeps what it receives.</summary>
internal sealed class EmbeddedBrokerClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();

    private EmbeddedBrokerClient(MqttClientOptions options)
    {
        Options = options;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var m = args.ApplicationMessage;
            _received.Enqueue(new ReceivedMessage(m.Topic, Encoding.UTF8.GetString(m.Payload), m.Retain, (int)m.QualityOfServiceLevel));
            return Task.CompletedTask;
        };
    }

    public MqttClientOptions Options { get; }

    public IMqttClient Client => _client;

    public IReadOnlyList<ReceivedMessage> Received => [.. _received];

    public static MqttClientOptionsBuilder OptionsFor(int port, string? username, string? password,
        MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null, bool persistent = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(version)
            .WithClientId(clientId ?? "test-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanSession(!persistent)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (persistent && version == MqttProtocolVersion.V500)
        {
            builder = builder.WithSessionExpiryInterval(3600);
        }

        return username is null ? builder : builder.WithCredentials(username, password);
    }

    /// <summary>Connects and insists on success.</summary>
    public static async Task<EmbeddedBrokerClient> ConnectAsync(MqttClientOptions options)
    {
        var client = new EmbeddedBrokerClient(options);
        var result = await client._client.ConnectAsync(options);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    /// <summary>Connects and returns the broker's answer: MQTTnet 5 throws or returns a refusal depending on the protocol version.</summary>
    public static async Task<MqttClientConnectResultCode> TryConnectAsync(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(options);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                await client.DisconnectAsync();
            }

            return result.ResultCode;
        }
        catch (MqttConnectingFailedException ex)
        {
            // MQTTnet 5's exception carries the reason only in its message.
            return Enum.GetValues<MqttClientConnectResultCode>().Where(c => c != MqttClientConnectResultCode.Success)
                .FirstOrDefault(c => ex.Message.Contains(c.ToString(), StringComparison.Ordinal), MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    public Task<MqttClientConnectResult> ReconnectAsync() => _client.ConnectAsync(Options);

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        return Assert.Single(result.Items).ResultCode;
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    public Task DisconnectAsync() => _client.DisconnectAsync();

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
        }

        _client.Dispose();
    }
}
