using MQTTnet;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Discovery;
using Watchpost.Mqtt.State;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>The retained state and discovery publishers on a real mosquitto: what they publish when, and again after a reconnect.</summary>
public sealed class StatePublisherTests(ITestOutputHelper output) : IDisposable
{
    private const string Root = "watchpost/test-box";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Only_what_changed_is_published_and_everything_again_after_the_broker_lost_it()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();   // not persistent: a restart loses every retained message
        var storage = new FakeStorageStatus();
        await using var connection = Connection(mosquitto.Port);
        await using var state = new StatePublisher(connection, Site(), new StatePublisherSettings(), TimeProvider.System, _log.For<StatePublisher>(),
            new FakeCameraStatus(), gpio: new FakeGpioState(), storage: storage);
        await state.StartAsync(default);
        await connection.StartAsync(default);
        await Poll.UntilAsync(() => state.MessagesPublished >= 6, Timeout, () => $"{state.MessagesPublished} state messages published");

        // Settled (the camera's fps has its first figure): nothing changes, nothing is published.
        await Task.Delay(2500);
        var settled = state.MessagesPublished;
        await Task.Delay(2500);
        Assert.Equal(settled, state.MessagesPublished);

        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, $"{Root}/#");
        storage.Current = storage.Current with { DiskFull = true, FreeBytes = 1000 };
        var full = await subscriber.WaitForAsync(m => m.Topic == $"{Root}/state" && m.Payload.Contains("\"disk_full\":true", StringComparison.Ordinal), Timeout);
        Assert.NotNull(full);
        await Task.Delay(1500);
        Assert.Equal(settled + 1, state.MessagesPublished);   // the device state alone

        var beforeRestart = state.MessagesPublished;
        await mosquitto.StopAsync();
        await mosquitto.StartAgainAsync();
        var all = state.KnownTopics().Count + 1;
        await Poll.UntilAsync(() => state.MessagesPublished >= beforeRestart + all, Timeout, () => $"{state.MessagesPublished - beforeRestart} of {all} published after the reconnect");

        // A subscriber that comes now gets it all from the broker's retained store.
        await using var late = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, $"{Root}/#");
        var expected = state.KnownTopics().Append($"{Root}/state").Append($"{Root}/availability").ToHashSet();
        await Poll.UntilAsync(() => expected.IsSubsetOf(late.Received.Where(m => m.Retain).Select(m => m.Topic)), TimeSpan.FromSeconds(20),
            () => "not published again after the reconnect: " + string.Join(", ", expected.Except(late.Received.Where(m => m.Retain).Select(m => m.Topic))));
        Assert.Contains(late.Received, m => m.Topic == $"{Root}/state" && m.Payload.Contains("\"disk_full\":true", StringComparison.Ordinal));
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Discovery_is_published_again_when_home_assistant_comes_online()
    {
        using var mosquitto = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "homeassistant/+/test-box/+/config");
        await using var connection = Connection(mosquitto.Port);
        using var discovery = new HomeAssistantDiscovery(connection, Site(), _log.For<HomeAssistantDiscovery>(), new FakeGpioState());
        await discovery.StartAsync(default);
        await connection.StartAsync(default);
        var entities = discovery.Entities();
        Assert.Equal(
            ["binary_sensor/camera_gate-1_online", "binary_sensor/rule_night-intrusion_active", "switch/rule_night-intrusion_armed",
             "sensor/zone_lobby_occupancy", "binary_sensor/input_lobby-door", "switch/relay_siren"],
            entities.Select(e => $"{e.Component}/{e.ObjectId}"));
        await Poll.UntilAsync(() => subscriber.Received.Count == entities.Count, Timeout, () => $"{subscriber.Received.Count} configs received");
        Assert.All(subscriber.Received, m => Assert.Empty(ContractSchemas.Errors("ha-discovery", m.Payload)));

        using var homeAssistant = new MqttClientFactory().CreateMqttClient();
        await homeAssistant.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(MosquittoBroker.Host, mosquitto.Port).Build());
        await homeAssistant.PublishStringAsync(MqttTopics.HomeAssistantStatus, "online");
        await Poll.UntilAsync(() => subscriber.Received.Count == 2 * entities.Count, Timeout, () => $"{subscriber.Received.Count} configs after Home Assistant came online");
        await homeAssistant.DisconnectAsync();
        _log.AssertNoErrors();
    }

    private MqttConnection Connection(int port) => new(new MqttBrokerEndpoint(MosquittoBroker.Host, port, null, null),
        new MqttConnectionSettings { TopicPrefix = "watchpost", DeviceId = "test-box", ReconnectDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromSeconds(1) },
        _log.For<MqttConnection>());

    private WatchpostOptions Site() => new()
    {
        Site = new SiteOptions { DeviceId = "test-box", Name = "Test box" },
        Cameras = [new CameraOptions { Id = "gate-1", Name = "Gate", Url = "rtsp://127.0.0.1/gate" }],
        Zones = [new ZoneOptions { Id = "lobby", Camera = "gate-1", Polygon = [[0, 0], [100, 0], [100, 100]] }],
        Rules = [new IntrusionRuleOptions { Id = "night-intrusion", Camera = "gate-1", Zone = "lobby" }],
        Storage = new StorageOptions { Path = _folder.Path },
    };
}
