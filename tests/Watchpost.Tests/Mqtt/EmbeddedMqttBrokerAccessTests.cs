using MQTTnet;
using MQTTnet.Formatter;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;
using Xunit.Abstractions;
using static Watchpost.Tests.Mqtt.EmbeddedBrokerClient;

namespace Watchpost.Tests.Mqtt;

/// <summary>The embedded broker's accounts and roles with real MQTTnet clients, MQTT 5 and 3.1.1.</summary>
public sealed class EmbeddedMqttBrokerAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Root = EmbeddedBrokerSite.Root;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a refused message gets to show up anyway before the test calls it not delivered.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    private readonly RecordingLog _log = new(output);
    private readonly TempFolder _storage = new();
    private EmbeddedMqttBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = new EmbeddedMqttBroker(EmbeddedBrokerSite.Create(_storage.Path, EmbeddedBrokerSite.WithUsers()), _log.For<EmbeddedMqttBroker>());
        await _broker.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _storage.Dispose();
    }

    private MqttClientOptions Appliance(MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null) =>
        OptionsFor(_broker.Port, _broker.Username, _broker.Password, version, clientId).Build();

    private MqttClientOptions User(string username, MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null, bool persistent = false) =>
        OptionsFor(_broker.Port, username, _broker.Credentials.Find(username)!.Password, version, clientId, persistent).Build();

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Anonymous_clients_wrong_passwords_and_unknown_users_are_refused(MqttProtocolVersion version)
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(OptionsFor(_broker.Port, null, null, version).Build()));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(OptionsFor(_broker.Port, "bms", "wrong", version).Build()));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(OptionsFor(_broker.Port, "bms", "", version).Build()));
        // One account's password does not open another.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(OptionsFor(_broker.Port, "bms", _broker.Password, version).Build()));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(OptionsFor(_broker.Port, "nobody", "bms-password-0123456789", version).Build()));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryConnectAsync(User("bms", version)));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryConnectAsync(User("ops", version)));
        Assert.Equal(MqttClientConnectResultCode.Success, await TryConnectAsync(User("screen", version)));
    }

    [Fact]
    public async Task A_controller_publishes_commands_and_nothing_the_appliance_publishes()
    {
        await using var appliance = await ConnectAsync(Appliance(clientId: "watchpost-" + EmbeddedBrokerSite.DeviceId));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await appliance.SubscribeAsync("#"));
        await using var controller = await ConnectAsync(User("bms"));

        var command = await controller.PublishAsync($"{Root}/cmd/arm", """{"target":"all","request_id":"r1"}""");
        Assert.True(command.IsSuccess, $"cmd/arm: {command.ReasonCode}");
        Assert.NotNull(await appliance.WaitForAsync(m => m.Topic == $"{Root}/cmd/arm", Timeout));

        // Home Assistant's rule switch (docs/mqtt.md) is a command too.
        var haSwitch = await controller.PublishAsync($"{Root}/cmd/arming/lobby-intrusion", "OFF");
        Assert.True(haSwitch.IsSuccess, $"cmd/arming/<rule>: {haSwitch.ReasonCode}");

        string[] forbidden =
        [
            $"{Root}/alerts", $"{Root}/events", $"{Root}/availability", $"{Root}/state", $"{Root}/cameras/gate-1/state",
            $"{Root}/cmd/arm/result", $"{Root}/cmd", $"{Root}/cmd/arming/", $"{Root}/cmd/arming/a/b", "watchpost/other-box/cmd/arm", "homeassistant/switch/x/config", "elsewhere",
        ];
        foreach (var topic in forbidden)
        {
            var result = await controller.PublishAsync(topic, "forged");
            Assert.True(result.ReasonCode == MqttClientPublishReasonCode.NotAuthorized, $"{topic}: {result.ReasonCode}");
        }

        var retained = await controller.PublishAsync($"{Root}/cmd/disarm", """{"target":"all"}""", retain: true);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, retained.ReasonCode);

        await Task.Delay(Quiet);
        Assert.DoesNotContain(appliance.Received, m => m.Payload == "forged" || m.Topic.EndsWith("/cmd/disarm", StringComparison.Ordinal));
        // Refusals are logged with the topic, never the payload.
        Assert.Contains(_log.Entries, e => e.Message.Contains($"{Root}/alerts", StringComparison.Ordinal) && e.Message.Contains("bms", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains("forged", StringComparison.Ordinal));
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task An_MQTT_3_controller_gets_its_forged_alert_acknowledged_but_never_delivered()
    {
        await using var appliance = await ConnectAsync(Appliance());
        await appliance.SubscribeAsync("#");
        await using var controller = await ConnectAsync(User("ops", MqttProtocolVersion.V311));

        await controller.PublishAsync($"{Root}/alerts", "forged");   // MQTT 3.1.1 has no reason code in PUBACK
        await controller.PublishAsync($"{Root}/availability", "forged", retain: true);
        await controller.PublishAsync($"{Root}/cmd/reload", "{}");

        Assert.NotNull(await appliance.WaitForAsync(m => m.Topic == $"{Root}/cmd/reload", Timeout));
        await Task.Delay(Quiet);
        Assert.DoesNotContain(appliance.Received, m => m.Payload == "forged");
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_viewer_subscribes_but_cannot_publish_commands(MqttProtocolVersion version)
    {
        await using var appliance = await ConnectAsync(Appliance());
        await appliance.SubscribeAsync($"{Root}/#");
        await using var viewer = await ConnectAsync(User("screen", version));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await viewer.SubscribeAsync($"{Root}/alerts"));

        var command = await viewer.PublishAsync($"{Root}/cmd/disarm", """{"target":"all"}""");
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, command.ReasonCode);
        }

        await appliance.PublishAsync($"{Root}/alerts", "alert-1");
        Assert.NotNull(await viewer.WaitForAsync(m => m.Payload == "alert-1", Timeout));
        await Task.Delay(Quiet);
        Assert.DoesNotContain(appliance.Received, m => m.Topic == $"{Root}/cmd/disarm");
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task Clients_subscribe_under_the_prefix_and_homeassistant_only(MqttProtocolVersion version)
    {
        await using var controller = await ConnectAsync(User("bms", version));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync("watchpost/#"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync("watchpost/+/alerts"));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync("homeassistant/#"));
        var refused = version == MqttProtocolVersion.V500 ? MqttClientSubscribeResultCode.NotAuthorized : MqttClientSubscribeResultCode.UnspecifiedError;
        Assert.Equal(refused, await controller.SubscribeAsync("#"));
        Assert.Equal(refused, await controller.SubscribeAsync("+/test-box/alerts"));
        Assert.Equal(refused, await controller.SubscribeAsync("$SYS/#"));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task No_other_account_can_take_the_appliance_client_id(MqttProtocolVersion version)
    {
        var applianceId = "watchpost-" + EmbeddedBrokerSite.DeviceId;
        await using var appliance = await ConnectAsync(Appliance(clientId: applianceId));
        await appliance.SubscribeAsync($"{Root}/cmd/+");

        const MqttClientConnectResultCode expected = MqttClientConnectResultCode.ClientIdentifierNotValid;
        Assert.Equal(expected, await TryConnectAsync(User("bms", version, clientId: applianceId)));
        Assert.Equal(expected, await TryConnectAsync(User("screen", version, clientId: applianceId, persistent: true)));

        // The appliance was not kicked: it is connected and still gets commands.
        Assert.True(appliance.Client.IsConnected);
        await using var controller = await ConnectAsync(User("bms"));
        await controller.PublishAsync($"{Root}/cmd/arm", "{}");
        Assert.NotNull(await appliance.WaitForAsync(m => m.Topic == $"{Root}/cmd/arm", Timeout));
    }

    [Fact]
    public async Task A_controller_will_message_cannot_forge_availability()
    {
        await using var appliance = await ConnectAsync(Appliance());
        await appliance.PublishAsync($"{Root}/availability", "online", retain: true);

        var options = OptionsFor(_broker.Port, "bms", _broker.Credentials.Find("bms")!.Password)
            .WithWillTopic($"{Root}/availability").WithWillPayload("forged").WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var controller = await ConnectAsync(options);
        // A client that vanishes without DISCONNECT has its will published.
        controller.Client.Dispose();

        await Task.Delay(TimeSpan.FromSeconds(1));
        await using var late = await ConnectAsync(User("screen"));
        await late.SubscribeAsync($"{Root}/availability");
        var retained = await late.WaitForAsync(_ => true, Timeout);
        Assert.Equal("online", retained?.Payload);
        Assert.True(await Poll.UntilAsync(() => _log.Entries.Any(e => e.Message.Contains($"publish to {Root}/availability", StringComparison.Ordinal)), Timeout),
            "the refused will was not logged");
    }

    [Fact]
    public async Task ClientSubscribed_names_the_filter_of_each_client_subscription_but_not_the_appliance_own()
    {
        var filters = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _broker.ClientSubscribed += (_, filter) => filters.Enqueue(filter);
        await using var appliance = await ConnectAsync(Appliance());
        await appliance.SubscribeAsync($"{Root}/cmd/+");
        await using var controller = await ConnectAsync(User("bms"));
        await controller.SubscribeAsync($"{Root}/alerts");
        await controller.SubscribeAsync("#");   // refused: no event

        Assert.True(await Poll.UntilAsync(() => filters.Contains($"{Root}/alerts"), Timeout));
        await Task.Delay(Quiet);
        Assert.Equal([$"{Root}/alerts"], filters);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task A_persistent_session_gets_the_alerts_published_while_it_was_away(MqttProtocolVersion version)
    {
        const int Alerts = 50;
        await using var controller = await ConnectAsync(User("bms", version, clientId: "bms-controller", persistent: true));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await controller.SubscribeAsync($"{Root}/alerts"));
        await controller.DisconnectAsync();

        await using (var appliance = await ConnectAsync(Appliance()))
        {
            for (var i = 0; i < Alerts; i++)
            {
                var result = await appliance.PublishAsync($"{Root}/alerts", $"alert-{i}");
                Assert.True(result.IsSuccess, $"alert {i}: {result.ReasonCode}");
            }
        }

        var reconnect = await controller.ReconnectAsync();
        Assert.True(reconnect.IsSessionPresent);
        Assert.True(await Poll.UntilAsync(() => controller.Received.Count >= Alerts, Timeout), $"received {controller.Received.Count} of {Alerts}");
        Assert.Equal(Enumerable.Range(0, Alerts).Select(i => $"alert-{i}"), controller.Received.Select(m => m.Payload));
        Assert.All(controller.Received, m => Assert.Equal(1, m.QualityOfService));
    }
}
