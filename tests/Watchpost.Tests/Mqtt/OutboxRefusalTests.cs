using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>What the outbox sender does with the broker's "no": set aside for good, or deferred until somebody listens.</summary>
public sealed class OutboxRefusalTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);

    [Fact]
    public async Task A_message_the_broker_refuses_is_set_aside_and_the_ones_behind_it_go_out()
    {
        // Anonymous clients may use watchpost/# only: a publish elsewhere is answered NotAuthorized (MQTT 5 PUBACK).
        using var mosquitto = await MosquittoBroker.StartAsync(extraConfig: folder =>
        {
            var acl = Path.Combine(folder, "acl");
            File.WriteAllText(acl, "topic readwrite watchpost/#\n");
            return [$"acl_file {acl}"];
        });
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts");
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        var alerts = EventTestData.Alerts(AlertPipeline.DefaultDeviceId);
        var first = alerts.Create(EventTestData.Event("first", DateTime.UtcNow));
        var last = alerts.Create(EventTestData.Event("last", DateTime.UtcNow));
        await pipeline.Store.EnqueueAsync(first);
        await pipeline.Store.EnqueueAsync(first with { MessageId = "forbidden", Topic = "elsewhere/test-box/alerts" });
        await pipeline.Store.EnqueueAsync(last);

        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => subscriber.Received.Count == 2, Timeout), $"{subscriber.Received.Count} of 2 alerts arrived");
        Assert.Equal([first.MessageId, last.MessageId], subscriber.Received.Select(m => MessageId(m.Payload)));
        Assert.True(await Poll.UntilAsync(() => pipeline.Sender.SetAside == 1, Timeout));
        Assert.Equal((0, 1), await pipeline.Store.CountAsync());
        Assert.Equal(2, pipeline.Sender.Delivered);
        var logged = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("forbidden", StringComparison.Ordinal));
        Assert.Contains("NotAuthorized", logged.Message, StringComparison.Ordinal);
        Assert.Contains("set aside", logged.Message, StringComparison.Ordinal);
        Assert.Empty(await pipeline.Store.ListPendingAsync(10));
    }

    [Fact]
    public async Task An_alert_nobody_hears_is_deferred_and_a_lifecycle_message_is_not()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        var alert = EventTestData.Alerts(AlertPipeline.DefaultDeviceId).Create(EventTestData.Event("nobody-listens", DateTime.UtcNow));
        var lifecycle = new OutboxMessage(0, "lifecycle-1", "watchpost/test-box/events", Encoding.UTF8.GetBytes("""{"type":"start"}"""), 1, false, 0, DateTime.UtcNow, null, "nobody-listens");
        await pipeline.Store.EnqueueAsync(alert);
        await pipeline.Store.EnqueueAsync(lifecycle);
        await pipeline.StartAsync();

        // No subscriber: the broker answers NoMatchingSubscribers. The alert waits (30 s, or until told); the lifecycle message is news only.
        Assert.True(await Poll.UntilAsync(() => pipeline.Sender.Deferred == 1 && pipeline.Sender.Delivered == 1, Timeout),
            $"deferred {pipeline.Sender.Deferred}, delivered {pipeline.Sender.Delivered}");
        Assert.Equal((1, 0), await pipeline.Store.CountAsync());
        Assert.Empty(await pipeline.Store.ListPendingAsync(10));

        // A controller subscribes (the embedded broker's hook, or a reconnect, calls RetryDeferred): the alert goes out at once.
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts");
        pipeline.Sender.RetryDeferred();
        var received = await subscriber.WaitForAsync(_ => true, Timeout);
        Assert.NotNull(received);
        Assert.Equal(alert.MessageId, MessageId(received.Payload));
        Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.CountAsync()).Pending == 0, Timeout), "alert still in the outbox");
        Assert.Equal(2, pipeline.Sender.Delivered);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task An_alert_nobody_has_heard_for_the_give_up_time_is_set_aside_and_the_waits_grow()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log,
            senderSettings: new OutboxSenderSettings { GiveUpNoSubscribers = TimeSpan.FromMinutes(5) });
        var stale = EventTestData.Alerts(AlertPipeline.DefaultDeviceId).Create(EventTestData.Event("long-ago", DateTime.UtcNow)) with { CreatedAt = DateTime.UtcNow.AddMinutes(-10) };
        var fresh = EventTestData.Alerts(AlertPipeline.DefaultDeviceId).Create(EventTestData.Event("just-now", DateTime.UtcNow));
        await pipeline.Store.EnqueueAsync(stale);
        await pipeline.Store.EnqueueAsync(fresh);
        await pipeline.StartAsync();

        // The stale alert is set aside (kept in the store, no longer sent); the fresh one waits for a subscriber.
        Assert.True(await Poll.UntilAsync(() => pipeline.Sender.SetAside == 1 && pipeline.Sender.Deferred == 1, Timeout),
            $"set aside {pipeline.Sender.SetAside}, deferred {pipeline.Sender.Deferred}");
        Assert.Equal((1, 1), await pipeline.Store.CountAsync());

        // 30 s, then 1 min, 2 min, ... at most an hour between tries.
        Assert.Equal(TimeSpan.FromSeconds(30), pipeline.Sender.NoSubscriberDelay(0));
        Assert.Equal(TimeSpan.FromMinutes(2), pipeline.Sender.NoSubscriberDelay(2));
        Assert.Equal(TimeSpan.FromHours(1), pipeline.Sender.NoSubscriberDelay(12));
        Assert.Equal(TimeSpan.FromHours(1), pipeline.Sender.NoSubscriberDelay(int.MaxValue));
    }

    [Fact]
    public async Task A_deferred_alert_is_tried_again_as_soon_as_the_connection_comes_back()
    {
        using var mosquitto = await MosquittoBroker.StartAsync(persistent: true);
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        var alert = EventTestData.Alerts(AlertPipeline.DefaultDeviceId).Create(EventTestData.Event("before-anyone", DateTime.UtcNow));
        await pipeline.Store.EnqueueAsync(alert);
        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => pipeline.Sender.Deferred == 1, Timeout));

        // A controller subscribes with a persistent session; nobody tells the sender. Then the broker restarts:
        // on the reconnect the sender tries the deferred alert at once (not 30 s later), the broker queues it for the session.
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts", persistentSession: true);
        await mosquitto.StopAsync();
        await mosquitto.StartAgainAsync();
        Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.CountAsync()).Pending == 0, Timeout), "the deferred alert was not sent after the reconnect");
        await subscriber.ReconnectAsync();
        var received = await subscriber.WaitForAsync(_ => true, Timeout);
        Assert.Equal(alert.MessageId, received is null ? null : MessageId(received.Payload));
        Assert.Equal(1, pipeline.Sender.Delivered);
    }

    [Theory]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.Success, "alerts", OutboxSender.Outcome.Delivered)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.NoMatchingSubscribers, "alerts", OutboxSender.Outcome.NoSubscribers)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.NoMatchingSubscribers, "events", OutboxSender.Outcome.Delivered)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, "alerts", OutboxSender.Outcome.Refused)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.QuotaExceeded, "alerts", OutboxSender.Outcome.Refused)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.TopicNameInvalid, "events", OutboxSender.Outcome.Refused)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid, "alerts", OutboxSender.Outcome.Refused)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.ImplementationSpecificError, "alerts", OutboxSender.Outcome.Refused)]
    [InlineData(MQTTnet.MqttClientPublishReasonCode.PacketIdentifierInUse, "alerts", OutboxSender.Outcome.Retry)]
    internal void Each_broker_answer_settles_the_message(MQTTnet.MqttClientPublishReasonCode reason, string topic, OutboxSender.Outcome expected)
    {
        var message = new OutboxMessage(1, "m", $"watchpost/box/{topic}", [], 1, false, 0, DateTime.UtcNow, null, null);
        Assert.Equal(expected, OutboxSender.Settle(message, reason));
    }

    private static string? MessageId(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("message_id").GetString();
}
