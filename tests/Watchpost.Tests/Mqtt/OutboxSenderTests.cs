using System.Text.Json;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>The alert path against a real mosquitto.</summary>
public sealed class OutboxSenderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);

    [Fact]
    public async Task An_alert_reaches_a_subscriber_with_the_stored_event()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/#");
        var broker = new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null);
        await using (var pipeline = new AlertPipeline(broker, _log))
        {
            await pipeline.StartAsync();
            Assert.NotNull(await subscriber.WaitForAsync(m => m.Topic == "watchpost/test-box/availability" && m.Payload == "online", Timeout));

            Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: 17)));
            var alert = await subscriber.WaitForAsync(m => m.Topic == "watchpost/test-box/alerts", Timeout);
            Assert.NotNull(alert);
            Assert.False(alert.Retain);
            Assert.Equal(1, alert.QualityOfService);

            var stored = Assert.Single(await pipeline.Store.ListRecentAsync(10));
            using var json = JsonDocument.Parse(alert.Payload);
            var root = json.RootElement;
            Assert.Equal(stored.Id, root.GetProperty("event_id").GetString());
            Assert.Equal("test-box", root.GetProperty("device_id").GetString());
            var startedAt = root.GetProperty("started_at").GetString()!;
            Assert.EndsWith("Z", startedAt, StringComparison.Ordinal);
            Assert.Equal(stored.StartedAt, DateTime.Parse(startedAt, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
            Assert.Equal(17, root.GetProperty("object").GetProperty("track_id").GetInt32());
            Assert.Equal($"http://10.0.0.9:8080/events/{stored.Id}", root.GetProperty("event_url").GetString());
            Assert.Equal($"http://10.0.0.9:8080/api/events/{stored.Id}/snapshot.jpg", root.GetProperty("snapshot_url").GetString());
            Assert.NotNull(stored.SnapshotId);

            Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.ListPendingAsync(10)).Count == 0, Timeout), "outbox not emptied");
            Assert.Equal(1, pipeline.Latency.Count);
            Assert.True(pipeline.Recorder.Latency.P50 > TimeSpan.Zero);
            output.WriteLine($"frame-to-alert latency: {pipeline.Recorder.Latency}");
        }

        // A clean stop leaves "offline" retained for whoever subscribes next.
        await using var late = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/availability");
        var availability = await late.WaitForAsync(m => m.Retain, Timeout);
        Assert.Equal("offline", availability?.Payload);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task An_alert_raised_while_the_broker_is_down_arrives_when_it_returns()
    {
        using var mosquitto = await MosquittoBroker.StartAsync(persistent: true);
        // A persistent session: mosquitto keeps the subscription and queues QoS-1 messages for it across its restart.
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts", persistentSession: true);
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => pipeline.Connection.IsConnected, Timeout));

        await mosquitto.StopAsync();
        Assert.True(await Poll.UntilAsync(() => !pipeline.Connection.IsConnected, Timeout));
        Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: 42)));
        Assert.True(await Poll.UntilAsync(() => pipeline.Recorder.Recorded == 1, Timeout));
        var waiting = Assert.Single(await pipeline.Store.ListPendingAsync(10));   // kept on disk while the broker is away

        await mosquitto.StartAgainAsync();
        Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.ListPendingAsync(10)).Count == 0, Timeout), "outbox not emptied after the broker returned");
        await subscriber.ReconnectAsync();
        var alert = await subscriber.WaitForAsync(m => m.Topic == "watchpost/test-box/alerts", Timeout);
        Assert.NotNull(alert);
        using var json = JsonDocument.Parse(alert.Payload);
        Assert.Equal(waiting.MessageId, json.RootElement.GetProperty("message_id").GetString());
        Assert.Equal(42, json.RootElement.GetProperty("object").GetProperty("track_id").GetInt32());
        Assert.Equal(Assert.Single(await pipeline.Store.ListRecentAsync(10)).Id, json.RootElement.GetProperty("event_id").GetString());
        Assert.Equal(1, pipeline.Sender.Delivered);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Without_a_broker_alerts_wait_and_stopping_does_not_hang()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await mosquitto.StopAsync();   // a port where nothing listens
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        await pipeline.StartAsync();
        Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate()));
        Assert.True(await Poll.UntilAsync(() => pipeline.Recorder.Recorded == 1, Timeout));
        Assert.True(await Poll.UntilAsync(() => _log.Entries.Count(e => e.Message.StartsWith("Cannot connect", StringComparison.Ordinal)) >= 2, Timeout));
        Assert.Single(await pipeline.Store.ListPendingAsync(10));
        Assert.False(pipeline.Connection.IsConnected);

        await pipeline.Sender.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        await pipeline.Connection.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.Single(await pipeline.Store.ListPendingAsync(10));   // still there for the next start
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Frame_to_alert_latency_is_measured_for_each_alert()
    {
        const int alerts = 40;
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts");
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => pipeline.Connection.IsConnected, Timeout));
        for (var i = 0; i < alerts; i++)
        {
            // One at a time, as events come (rarely): each figure is one alert's own latency, not a queue's.
            Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: i)));
            Assert.True(await Poll.UntilAsync(() => pipeline.Sender.Delivered == i + 1, Timeout));
        }

        var latency = pipeline.Recorder.Latency;
        output.WriteLine($"frame-to-alert latency over {alerts} alerts (768x576 snapshot, LiteDB shared mode, mosquitto PUBACK): {latency}");
        Assert.Equal(alerts, latency.Count);
        Assert.InRange(latency.P50, TimeSpan.FromTicks(1), latency.P99);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Alerts_left_in_the_outbox_by_a_previous_run_go_out_in_order()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts");
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        var alerts = EventTestData.Alerts(AlertPipeline.DefaultDeviceId);
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var message = alerts.Create(EventTestData.Event($"old-{i}", DateTime.UtcNow));
            expected.Add(message.MessageId);
            await pipeline.Store.EnqueueAsync(message);
        }

        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => subscriber.Received.Count == 5, Timeout));
        Assert.Equal(expected, subscriber.Received.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("message_id").GetString()));
        Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.ListPendingAsync(10)).Count == 0, Timeout));
        _log.AssertNoErrors();
    }
}
