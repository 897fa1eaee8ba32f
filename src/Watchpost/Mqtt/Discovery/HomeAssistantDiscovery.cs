using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Watchpost.Configuration;
using Watchpost.Gpio;
using Watchpost.Mqtt.State;

namespace Watchpost.Mqtt.Discovery;

/// <summary>
/// Home Assistant MQTT discovery: on each connect, and whenever Home Assistant says "online" on
/// <c>homeassistant/status</c>, it publishes a retained config per entity (cameras online, rules active and
/// armed, zone occupancy, relays, GPIO inputs), all on our availability topic and one device per box. A config
/// retained by an earlier site file for something that is gone is cleared (empty retained payload), which
/// removes the entity from Home Assistant. The rules' arm switches publish "ON" / "OFF" on
/// <c>cmd/arming/&lt;rule&gt;</c>, which this service turns into <c>cmd/arm</c> / <c>cmd/disarm</c> for the command router.
/// </summary>
public sealed class HomeAssistantDiscovery : IHostedService, IDisposable
{
    public const string Manufacturer = "Watchpost";

    private readonly IMqttConnection _connection;
    private readonly WatchpostOptions _site;
    private readonly IGpioState? _gpio;
    private readonly ILogger<HomeAssistantDiscovery> _logger;
    private readonly string _version;
    private readonly string? _consoleUrl;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly RetainedTopicSweeper _sweeper;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public HomeAssistantDiscovery(IMqttConnection connection, WatchpostOptions site, ILogger<HomeAssistantDiscovery> logger,
        IGpioState? gpio = null, string? consoleUrl = null, string? version = null)
    {
        _connection = connection;
        _site = site;
        _gpio = gpio;
        _logger = logger;
        _consoleUrl = consoleUrl;
        _version = version ?? typeof(HomeAssistantDiscovery).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        NodeId = site.Site.DeviceId;
        _sweeper = new RetainedTopicSweeper(connection, logger, [$"{MqttTopics.DiscoveryPrefix}/+/{NodeId}/+/config"],
            topic => Entities().Any(e => e.Topic == topic));
    }

    /// <summary>Home Assistant's node id for this box (its device id).</summary>
    public string NodeId { get; }

    /// <summary>Configs published since start.</summary>
    public long Published { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connection.Connected += PublishAsync;
        _subscriptions.Add(_connection.Subscribe(MqttTopics.HomeAssistantStatus, OnHomeAssistantStatusAsync));
        _subscriptions.Add(_connection.Subscribe(MqttTopics.RuleArmingSwitches(_connection.TopicRoot), OnArmingSwitchAsync));
        _sweeper.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _connection.Connected -= PublishAsync;
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        _sweeper.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _gate.Dispose();
    }

    /// <summary>Publishes every config (retained, QoS 1).</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var entity in Entities())
            {
                await _connection.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(entity.Topic)
                    .WithPayload(JsonSerializer.SerializeToUtf8Bytes(entity.Config, AlertJsonContext.Default.DiscoveryConfig))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(true)
                    .Build(), cancellationToken);
                Published++;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every entity of the box, as the site file and the GPIO pins are now.</summary>
    public IReadOnlyList<DiscoveryEntity> Entities()
    {
        var root = _connection.TopicRoot;
        var device = new DiscoveryDevice([$"watchpost_{NodeId}"], _site.Site.Name, Manufacturer, "Watchpost edge appliance", _version, _consoleUrl);
        IReadOnlyList<DiscoveryAvailability> availability = [new(MqttTopics.AvailabilityOf(root))];
        var entities = new List<DiscoveryEntity>();

        DiscoveryEntity Entity(string component, string objectId, string name, string stateTopic, Func<DiscoveryConfig, DiscoveryConfig> more) =>
            new(component, objectId, MqttTopics.Discovery(component, NodeId, objectId),
                more(new DiscoveryConfig(name, $"watchpost_{NodeId}_{objectId}", stateTopic, availability, device) { JsonAttributesTopic = stateTopic }));

        foreach (var camera in _site.Cameras.Where(c => c.Enabled))
        {
            entities.Add(Entity("binary_sensor", $"camera_{camera.Id}_online", $"{camera.Name ?? camera.Id} online", MqttTopics.CameraState(root, camera.Id), c => c with
            {
                DeviceClass = "connectivity",
                ValueTemplate = "{{ 'ON' if value_json.online else 'OFF' }}",
                PayloadOn = "ON",
                PayloadOff = "OFF",
            }));
        }

        foreach (var rule in _site.Rules)
        {
            entities.Add(Entity("binary_sensor", $"rule_{rule.Id}_active", $"{rule.Id} active", MqttTopics.RuleActive(root, rule.Id), c => c with
            {
                DeviceClass = rule.Type is "intrusion" or "loitering" or "line_crossing" ? "occupancy" : "problem",
                ValueTemplate = "{{ 'ON' if value_json.active else 'OFF' }}",
                PayloadOn = "ON",
                PayloadOff = "OFF",
            }));
            entities.Add(Entity("switch", $"rule_{rule.Id}_armed", $"{rule.Id} armed", MqttTopics.RuleArmed(root, rule.Id), c => c with
            {
                Icon = "mdi:shield-check",
                ValueTemplate = "{{ 'ON' if value_json.armed else 'OFF' }}",
                StateOn = "ON",
                StateOff = "OFF",
                CommandTopic = MqttTopics.RuleArmingSwitch(root, rule.Id),
                PayloadOn = "ON",
                PayloadOff = "OFF",
                Optimistic = false,
            }));
        }

        foreach (var zone in _site.Zones)
        {
            entities.Add(Entity("sensor", $"zone_{zone.Id}_occupancy", $"{zone.Id} occupancy", MqttTopics.ZoneOccupancy(root, zone.Id), c => c with
            {
                Icon = "mdi:account-group",
                ValueTemplate = "{{ value_json.total }}",
                UnitOfMeasurement = "objects",
                StateClass = "measurement",
            }));
        }

        foreach (var pin in _gpio is { Enabled: true } ? _gpio.Pins : [])
        {
            var stateTopic = MqttTopics.GpioState(root, pin.Name);
            entities.Add(pin.Kind == "relay"
                ? Entity("switch", $"relay_{pin.Name}", pin.Name, stateTopic, c => c with
                {
                    ValueTemplate = "{{ value_json.state }}",
                    StateOn = "on",
                    StateOff = "off",
                    CommandTopic = MqttTopics.Command(root, "relay"),
                    // The relay command's own payload; Home Assistant puts payload_on / payload_off in "value".
                    CommandTemplate = $"{{\"name\": \"{pin.Name}\", \"state\": \"{{{{ value }}}}\"}}",
                    PayloadOn = "on",
                    PayloadOff = "off",
                    Optimistic = false,
                })
                : Entity("binary_sensor", $"input_{pin.Name}", pin.Name, stateTopic, c => c with
                {
                    ValueTemplate = "{{ 'ON' if value_json.active else 'OFF' }}",
                    PayloadOn = "ON",
                    PayloadOff = "OFF",
                }));
        }

        return entities;
    }

    private Task OnHomeAssistantStatusAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (message.ConvertPayloadToString() != "online")
        {
            return Task.CompletedTask;
        }

        // Off the receive path: QoS-1 publishes wait for acknowledgements that path delivers.
        _ = Task.Run(async () =>
        {
            try
            {
                await PublishAsync(cancellationToken);
                _logger.LogInformation("Home Assistant came online: discovery published again");
            }
            catch (Exception e)
            {
                _logger.LogDebug("Publishing Home Assistant discovery failed: {Reason}", e.Message);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>A rule's switch in Home Assistant: "ON" arms the rule, "OFF" disarms it, through the command router.</summary>
    private Task OnArmingSwitchAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var ruleId = message.Topic[(message.Topic.LastIndexOf('/') + 1)..];
        var payload = message.ConvertPayloadToString()?.Trim();
        var verb = string.Equals(payload, "ON", StringComparison.OrdinalIgnoreCase) ? "arm"
            : string.Equals(payload, "OFF", StringComparison.OrdinalIgnoreCase) ? "disarm"
            : null;
        if (verb is null || _site.Rules.All(r => r.Id != ruleId))
        {
            _logger.LogWarning("Ignored {Topic}: expected ON or OFF for a rule of the site file", message.Topic);
            return Task.CompletedTask;
        }

        var command = JsonSerializer.Serialize(new Dictionary<string, string> { ["request_id"] = $"ha-{Guid.NewGuid():N}", ["target"] = $"rule:{ruleId}" },
            AlertJsonContext.Default.DictionaryStringString);
        var topic = MqttTopics.Command(_connection.TopicRoot, verb);
        _ = Task.Run(async () =>
        {
            try
            {
                await _connection.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic).WithPayload(command).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
                _logger.LogInformation("Home Assistant switch of rule {Rule}: {Verb}", ruleId, verb);
            }
            catch (Exception e)
            {
                _logger.LogWarning("Could not pass Home Assistant's {Verb} of rule {Rule} on: {Reason}", verb, ruleId, e.Message);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}
