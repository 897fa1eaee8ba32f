using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt.Commands;

/// <summary>
/// A building controller sending commands: over MQTT 5 it asks for the reply on its own response topic with
/// correlation data; over 3.1.1 (no response topics) it reads <c>cmd/&lt;verb&gt;/result</c> and matches the request_id.
/// It also watches <c>cmd/#</c>, so a test can count every reply the box published.
/// </summary>
internal sealed class CommandClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();
    private readonly string _root;
    private readonly bool _v5;
    private readonly string _replyTopic = "controller/" + Guid.NewGuid().ToString("N")[..8] + "/replies";
    private int _next;

    private CommandClient(string root, bool v5)
    {
        _root = root;
        _v5 = v5;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Enqueue(args.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<MqttApplicationMessage> Received => [.. _received];

    public static async Task<CommandClient> ConnectAsync(int port, string root, bool v5)
    {
        var client = new CommandClient(root, v5);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(MosquittoBroker.Host, port)
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithClientId("controller-" + Guid.NewGuid().ToString("N")[..8])
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client._client.ConnectAsync(options, timeout.Token);
        await client._client.SubscribeAsync($"{root}/cmd/#", MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        if (v5)
        {
            await client._client.SubscribeAsync(client._replyTopic, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        }

        return client;
    }

    /// <summary>Sends <paramref name="payload"/> (raw) to cmd/<paramref name="verb"/> and returns the reply the controller is given.</summary>
    public async Task<JsonElement> SendAsync(string verb, string payload, string? responseTopic = null)
    {
        var correlation = Encoding.UTF8.GetBytes($"corr-{Interlocked.Increment(ref _next)}");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"{_root}/cmd/{verb}")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_v5)
        {
            message = message.WithResponseTopic(responseTopic ?? _replyTopic).WithCorrelationData(correlation);
        }

        // Commands go one at a time, so the reply is the next new message on the result topic (3.1.1), or the one
        // with this correlation data on the controller's response topic (MQTT 5).
        var resultTopic = $"{_root}/cmd/{verb}/result";
        var before = _received.Count(m => m.Topic == resultTopic);
        await _client.PublishAsync(message.Build());
        MqttApplicationMessage? reply = null;
        await Poll.UntilAsync(() => (reply = _v5 && responseTopic is null
                ? _received.FirstOrDefault(m => m.Topic == _replyTopic && m.CorrelationData is { } c && c.AsSpan().SequenceEqual(correlation))
                : _received.Where(m => m.Topic == resultTopic).Skip(before).FirstOrDefault()) is not null,
            TimeSpan.FromSeconds(10), () => $"no reply to {verb} {payload}");
        return Json(reply!);
    }

    public static JsonElement Json(MqttApplicationMessage message) => JsonDocument.Parse(message.Payload).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
