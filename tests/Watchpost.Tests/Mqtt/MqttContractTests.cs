using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Discovery;
using Watchpost.Mqtt.State;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// docs/mqtt.md against a real mosquitto: the real composer, state publisher and discovery publish over the real
/// connection, a subscriber on "#" collects what the broker delivers, and every message is checked against the
/// schema of its topic (docs/schemas/).
/// </summary>
public sealed class MqttContractTests(ITestOutputHelper output) : IDisposable
{
    private const string Root = "watchpost/test-box";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_topic_the_box_publishes_matches_its_schema()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await PlantStaleRetainedAsync(mosquitto.Port);
        await using var all = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "#");

        var site = Site();
        using var arming = new ArmingService(site, TimeProvider.System, _log.For<ArmingService>());
        var gpio = new FakeGpioState();
        var feed = new EventFeed();
        var cameras = new FakeCameraStatus();
        await using var connection = new MqttConnection(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null),
            new MqttConnectionSettings { TopicPrefix = "watchpost", DeviceId = "test-box" }, _log.For<MqttConnection>());
        await using var state = new StatePublisher(connection, site, new StatePublisherSettings { DetectorProvider = () => "cpu", DetectorWorkers = () => 2 },
            TimeProvider.System, _log.For<StatePublisher>(), cameras, arming, gpio, new FakeStorageStatus(), feed);
        using var discovery = new HomeAssistantDiscovery(connection, site, _log.For<HomeAssistantDiscovery>(), gpio, "http://10.0.0.9:8080");
        await state.StartAsync(default);
        await discovery.StartAsync(default);
        await connection.StartAsync(default);
        Assert.True(await Poll.UntilAsync(() => connection.IsConnected, Timeout), "not connected");

        // An event's life, published as the outbox sender does: topic, payload, QoS and retain as composed.
        var composer = new MqttEventMessageComposer(EventTestData.Alerts(), "watchpost");
        var e = EventTestData.Event(Guid.CreateVersion7().ToString("N"), DateTime.UtcNow, snapshotId: "snap") with { RuleId = "night-intrusion" };
        var changes = new[]
        {
            new EventChange(EventChangeKind.Started, e, DateTime.UtcNow) { FrameReceivedAt = DateTime.UtcNow },
            new EventChange(EventChangeKind.Updated, e, DateTime.UtcNow),
            new EventChange(EventChangeKind.Acknowledged, e with { State = EventState.Acknowledged }, DateTime.UtcNow) { Operator = "ana", Source = ChangeSource.Console },
        };
        foreach (var change in changes)
        {
            await PublishAsync(connection, composer.Compose(change));
            feed.Publish(change);
        }

        await WaitForAsync(all, m => m.Topic == $"{Root}/rules/night-intrusion/active" && m.Payload.Contains("\"active\":true", StringComparison.Ordinal), "rule active");
        var ended = new EventChange(EventChangeKind.Ended, e with { EndedAt = DateTime.UtcNow, State = EventState.Acknowledged }, DateTime.UtcNow);
        await PublishAsync(connection, composer.Compose(ended));
        feed.Publish(ended);

        // Changes after the first publication: a disarm, a door opening, a person in the zone.
        arming.Disarm(ArmingTarget.Camera("gate-1"), "ana", "maintenance", DateTimeOffset.UtcNow.AddHours(1));
        gpio.Set("lobby-door", true);
        cameras.Occupy("lobby", "person", 2);
        await WaitForAsync(all, m => m.Topic == $"{Root}/rules/night-intrusion/armed" && m.Payload.Contains("disarmed_by_operator", StringComparison.Ordinal), "rule disarmed");
        await WaitForAsync(all, m => m.Topic == $"{Root}/gpio/lobby-door/state" && m.Payload.Contains("\"active\":true", StringComparison.Ordinal), "door open");
        await WaitForAsync(all, m => m.Topic == $"{Root}/zones/lobby/occupancy" && m.Payload.Contains("\"person\":2", StringComparison.Ordinal), "lobby occupied");
        await Poll.UntilAsync(() => all.Received.Where(m => m.Topic == $"{Root}/rules/night-intrusion/active")
            .SkipWhile(m => !m.Payload.Contains("\"active\":true", StringComparison.Ordinal)).Any(m => m.Payload.Contains("\"active\":false", StringComparison.Ordinal)),
            Timeout, () => "the rule is still active after its event ended");

        // Home Assistant's switch of a rule becomes a command for the router.
        await PublishAsync(connection, [new OutboxMessage(0, "x", MqttTopics.RuleArmingSwitch(Root, "night-intrusion"), Encoding.UTF8.GetBytes("ON"), 1, false, 0, DateTime.UtcNow, null, null)]);
        var arm = await WaitForAsync(all, m => m.Topic == $"{Root}/cmd/arm", "cmd/arm from the Home Assistant switch");
        Assert.Empty(ContractSchemas.Errors("command-request", arm.Payload, "arm"));
        Assert.Contains("\"target\":\"rule:night-intrusion\"", arm.Payload, StringComparison.Ordinal);

        // What an earlier site file left retained is cleared.
        await WaitForAsync(all, m => m.Topic == "homeassistant/switch/test-box/rule_gone_armed/config" && m.Payload.Length == 0, "stale discovery config cleared");
        await WaitForAsync(all, m => m.Topic == $"{Root}/rules/gone/armed" && m.Payload.Length == 0, "stale rule state cleared");

        await state.StopAsync(default);
        await discovery.StopAsync(default);
        await connection.StopAsync(default);
        await WaitForAsync(all, m => m.Topic == $"{Root}/availability" && m.Payload == "offline", "offline on stop");

        // What a controller that subscribes now gets: the retained state, discovery and availability, never an alert.
        await using var late = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "#");
        var retainedTopics = discovery.Entities().Select(x => x.Topic).Concat(state.KnownTopics()).Append($"{Root}/state").Append($"{Root}/availability").ToHashSet();
        await Poll.UntilAsync(() => retainedTopics.IsSubsetOf(late.Received.Where(m => m.Retain).Select(m => m.Topic)), Timeout,
            () => "not retained: " + string.Join(", ", retainedTopics.Except(late.Received.Where(m => m.Retain).Select(m => m.Topic))));
        Assert.DoesNotContain(late.Received, m => m.Topic.EndsWith("/alerts", StringComparison.Ordinal) || m.Topic.EndsWith("/events", StringComparison.Ordinal) || m.Topic.Contains("/cmd/", StringComparison.Ordinal));
        Assert.DoesNotContain(late.Received, m => m.Topic.Contains("gone", StringComparison.Ordinal));

        var planted = new[] { "homeassistant/switch/test-box/rule_gone_armed/config", $"{Root}/rules/gone/armed" };
        var received = all.Received.Where(m => m.Payload.Length > 0 && !planted.Contains(m.Topic)).ToList();
        var expected = new[]
        {
            "availability", "alert", "event-lifecycle", "device-state", "camera-state", "zone-occupancy", "rule-armed", "rule-active", "gpio-state",
            "ha-discovery", "command-request", "rule-arming-switch",
        };
        var byschema = received.GroupBy(m => ContractSchemas.ForTopic(Root, m.Topic) ?? "(none)").ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (name, messages) in byschema.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{name}: {messages.Count} message(s)");
        }

        Assert.Empty(expected.Except(byschema.Keys));
        var failures = new List<string>();
        foreach (var m in received)
        {
            var name = ContractSchemas.ForTopic(Root, m.Topic);
            if (name is null)
            {
                failures.Add($"{m.Topic}: not a topic of the contract");
                continue;
            }

            var json = ContractSchemas.IsBareWord(name) ? $"\"{m.Payload}\"" : m.Payload;
            failures.AddRange(ContractSchemas.Errors(name, json).Select(error => $"{m.Topic} ({name}): {error}\n  {m.Payload}"));
            if (m.QualityOfService != 1 || m.Retain)
            {
                // Live deliveries: mosquitto clears the retain flag for subscribers already there; retained-ness is checked above.
                failures.Add($"{m.Topic}: QoS {m.QualityOfService}, retain {m.Retain}; expected QoS 1 as published");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // And the check can fail: a real alert with a renamed key is refused.
        var alert = received.First(m => m.Topic == $"{Root}/alerts").Payload;
        Assert.NotEmpty(ContractSchemas.Errors("alert", alert.Replace("\"rule\":", "\"rule_id\":", StringComparison.Ordinal)));
        Assert.True(received.Count(m => ContractSchemas.ForTopic(Root, m.Topic) == "ha-discovery") >= discovery.Entities().Count);
        _log.AssertNoErrors();
    }

    private static async Task PublishAsync(MqttConnection connection, IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var m in messages)
        {
            await connection.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(m.Topic).WithPayload(m.Payload).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)m.QualityOfService).WithRetainFlag(m.Retain).Build());
        }
    }

    private static async Task<ReceivedMessage> WaitForAsync(MqttTestSubscriber subscriber, Func<ReceivedMessage, bool> match, string what)
    {
        var found = await subscriber.WaitForAsync(match, Timeout);
        Assert.True(found is not null, $"waited {Timeout.TotalSeconds} s for {what}");
        return found;
    }

    /// <summary>Retained messages of a rule the site file no longer has, as an earlier run would have left them.</summary>
    private static async Task PlantStaleRetainedAsync(int port)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, port).WithClientId("planter").Build());
        foreach (var topic in new[] { "homeassistant/switch/test-box/rule_gone_armed/config", $"{Root}/rules/gone/armed" })
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload("{}").WithRetainFlag(true)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await client.DisconnectAsync();
    }

    private WatchpostOptions Site() => new()
    {
        Site = new SiteOptions { DeviceId = "test-box", Name = "Test box" },
        Cameras = [new CameraOptions { Id = "gate-1", Name = "Gate", Url = "rtsp://127.0.0.1/gate" }],
        Zones = [new ZoneOptions { Id = "lobby", Camera = "gate-1", Polygon = [[0, 0], [100, 0], [100, 100]] }],
        Rules = [new IntrusionRuleOptions { Id = "night-intrusion", Camera = "gate-1", Zone = "lobby" }],
        Storage = new StorageOptions { Path = _folder.Path },
    };
}
