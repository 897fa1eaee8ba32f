using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.Mqtt.State;

/// <summary>
/// Publishes the retained state topics over the shared <see cref="IMqttConnection"/>: <c>cameras/&lt;id&gt;/state</c>,
/// <c>zones/&lt;id&gt;/occupancy</c>, <c>rules/&lt;id&gt;/armed</c>, <c>rules/&lt;id&gt;/active</c>, <c>gpio/&lt;name&gt;/state</c>
/// and <c>state</c>. Everything on each connect (a broker that lost its retained store gets it back), then once a
/// second only what changed (sooner when arming or GPIO changes). A topic left over from an earlier site file (a
/// camera, zone, rule or pin that is gone) is cleared with an empty retained message.
/// </summary>
public sealed class StatePublisher : IHostedService, IAsyncDisposable
{
    private readonly IMqttConnection _connection;
    private readonly WatchpostOptions _site;
    private readonly StatePublisherSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<StatePublisher> _logger;
    private readonly ICameraStatusProvider? _cameras;
    private readonly ArmingService? _arming;
    private readonly IGpioState? _gpio;
    private readonly IStorageStatus? _storage;
    private readonly IEventFeed? _feed;
    private readonly DateTime _startedAt;
    private readonly Dictionary<string, Published> _published = [];
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTime>> _openEvents = new();
    private readonly Dictionary<string, (long Frames, DateTime At, double Fps)> _frames = [];
    private readonly Dictionary<string, double> _publishedFps = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly RetainedTopicSweeper _sweeper;
    private Task? _loop;
    private Task? _follow;

    public StatePublisher(IMqttConnection connection, WatchpostOptions site, StatePublisherSettings settings, TimeProvider time,
        ILogger<StatePublisher> logger, ICameraStatusProvider? cameras = null, ArmingService? arming = null, IGpioState? gpio = null,
        IStorageStatus? storage = null, IEventFeed? feed = null)
    {
        _connection = connection;
        _site = site;
        _settings = settings;
        _time = time;
        _logger = logger;
        _cameras = cameras;
        _arming = arming;
        _gpio = gpio;
        _storage = storage;
        _feed = feed;
        _startedAt = time.GetUtcNow().UtcDateTime;
        var root = connection.TopicRoot;
        _sweeper = new RetainedTopicSweeper(connection, logger,
            [$"{root}/cameras/+/state", $"{root}/zones/+/occupancy", $"{root}/rules/+/armed", $"{root}/rules/+/active", $"{root}/gpio/+/state"],
            topic => KnownTopics().Contains(topic));
    }

    /// <summary>Messages published since start (for tests and the console).</summary>
    public long MessagesPublished { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            return Task.CompletedTask;
        }

        _connection.Connected += OnConnectedAsync;
        if (_arming is not null)
        {
            _arming.Changed += OnArmingChanged;
        }

        if (_gpio is not null)
        {
            _gpio.Changed += OnGpioChanged;
        }

        _sweeper.Start();
        _follow = _feed is null ? Task.CompletedTask : Task.Run(() => FollowEventsAsync(_stopping.Token), CancellationToken.None);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        if (_connection.IsConnected)
        {
            Wake();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        _connection.Connected -= OnConnectedAsync;
        if (_arming is not null)
        {
            _arming.Changed -= OnArmingChanged;
        }

        if (_gpio is not null)
        {
            _gpio.Changed -= OnGpioChanged;
        }

        _sweeper.Dispose();
        await _stopping.CancelAsync();
        await Task.WhenAll(_loop, _follow ?? Task.CompletedTask);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _gate.Dispose();
        _wake.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Publishes what changed since the last call (everything when <paramref name="all"/>).</summary>
    public async Task PublishAsync(bool all, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (all)
            {
                _published.Clear();
            }

            var now = _time.GetUtcNow().UtcDateTime;
            foreach (var (topic, payload, key, refresh, onPublished) in Collect(now))
            {
                if (!_connection.IsConnected)
                {
                    return;   // the next Connected publishes everything
                }

                if (_published.TryGetValue(topic, out var last)
                    && last.Key == key && (!refresh || now - last.At < _settings.RefreshInterval || last.Payload.AsSpan().SequenceEqual(payload)))
                {
                    continue;
                }

                await _connection.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(true)
                    .WithContentType("application/json")
                    .Build(), cancellationToken);
                _published[topic] = new Published(key, payload, now);
                onPublished?.Invoke();
                MessagesPublished++;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every state topic this box publishes now (a retained one outside it is stale).</summary>
    internal HashSet<string> KnownTopics()
    {
        var root = _connection.TopicRoot;
        var topics = new HashSet<string>(StringComparer.Ordinal);
        topics.UnionWith(_site.Cameras.Where(c => c.Enabled).Select(c => MqttTopics.CameraState(root, c.Id)));
        topics.UnionWith(_site.Zones.Select(z => MqttTopics.ZoneOccupancy(root, z.Id)));
        topics.UnionWith(_site.Rules.Select(r => MqttTopics.RuleArmed(root, r.Id)));
        topics.UnionWith(_site.Rules.Select(r => MqttTopics.RuleActive(root, r.Id)));
        if (_gpio is { Enabled: true })
        {
            topics.UnionWith(_gpio.Pins.Select(p => MqttTopics.GpioState(root, p.Name)));
        }

        return topics;
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(all: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Publishing the MQTT state after connecting failed: {Reason}", e.Message);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_settings.Interval, stopping);
                if (_connection.IsConnected)
                {
                    await PublishAsync(all: false, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A publish that failed (the connection dropped) is retried on the next tick or after the reconnect.
                _logger.LogDebug("Publishing the MQTT state failed: {Reason}", e.Message);
            }
        }
    }

    /// <summary>Follows the event feed: a rule is active while one of its events is open.</summary>
    private async Task FollowEventsAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var change in _feed!.SubscribeAsync(stopping))
            {
                var open = _openEvents.GetOrAdd(change.Event.RuleId, _ => new ConcurrentDictionary<string, DateTime>());
                var changed = change.Kind switch
                {
                    EventChangeKind.Started => change.Event.EndedAt is null && open.TryAdd(change.Event.Id, change.Event.StartedAt),
                    _ when change.Event.EndedAt is not null => open.TryRemove(change.Event.Id, out _),
                    _ => false,
                };
                if (changed)
                {
                    Wake();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Each topic's payload now, with the part of it that is news (<c>Key</c>) and whether its figures are refreshed.</summary>
    private List<(string Topic, byte[] Payload, string Key, bool Refresh, Action? OnPublished)> Collect(DateTime now)
    {
        var root = _connection.TopicRoot;
        var messages = new List<(string, byte[], string, bool, Action?)>();
        var statuses = _cameras?.Status() ?? [];
        var byCamera = statuses.ToDictionary(s => s.Id, StringComparer.Ordinal);

        foreach (var camera in _site.Cameras.Where(c => c.Enabled))
        {
            var s = byCamera.GetValueOrDefault(camera.Id);
            var payload = s is null
                ? new CameraStatePayload(camera.Id, camera.Name, false, "unknown", 0, 0, 0, 0, 0, 0, null, 0, camera.DetectFps > 0 ? camera.DetectFps : null, 0, null, null, now)
                : new CameraStatePayload(s.Id, s.Name, s.State == CameraState.Streaming, s.State.ToString().ToLowerInvariant(),
                    Fps(s.Id, s.FramesIn, now), s.FramesIn, s.FramesProcessed, s.FramesDropped, s.Reconnects, s.Tracks, s.LastError,
                    s.DetectPerSecond, s.DetectTarget, s.Shortfall, s.DecodeCpuCores, s.IngestFps, now);
            // Frame counters and the time always move, and fps by a frame or so; the state, the error, reconnects,
            // an fps more than a frame and 20 % away from the one last published, and overload starting or ending
            // (a shortfall over 1 %) are news.
            var shown = _publishedFps.TryGetValue(camera.Id, out var published) && Math.Abs(payload.Fps - published) <= Math.Max(1.5, 0.2 * published)
                ? published
                : payload.Fps;
            var key = payload with
            {
                Fps = shown, FramesIn = 0, FramesProcessed = 0, FramesDropped = 0, Tracks = 0, UpdatedAt = default,
                DetectPerSecond = 0, Shortfall = payload.Shortfall > 0.01 ? 1 : 0, DecodeCpuCores = null,
            };
            var id = camera.Id;
            var fps = payload.Fps;
            messages.Add(Message(MqttTopics.CameraState(root, camera.Id), payload, key, AlertJsonContext.Default.CameraStatePayload, refresh: true, () => _publishedFps[id] = fps));
        }

        var counts = statuses.SelectMany(s => s.Occupancy).GroupBy(z => z.ZoneId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var zone in _site.Zones)
        {
            var count = counts.GetValueOrDefault(zone.Id);
            var byClass = count?.ByClass.Where(c => c.Value > 0).OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value) ?? [];
            var payload = new ZoneOccupancyPayload(zone.Id, zone.Camera, count?.Total ?? 0, byClass, now);
            messages.Add(Message(MqttTopics.ZoneOccupancy(root, zone.Id), payload, payload with { UpdatedAt = default }, AlertJsonContext.Default.ZoneOccupancyPayload));
        }

        var armed = (_arming?.States(_time.GetUtcNow()) ?? []).ToDictionary(r => r.RuleId, StringComparer.Ordinal);
        foreach (var rule in _site.Rules)
        {
            var payload = armed.TryGetValue(rule.Id, out var state)
                ? new RuleArmedPayload(rule.Id, rule.Type, rule.Camera, state.Status == RuleArmingStatus.Armed, StatusName(state.Status), state.InSchedule,
                    [.. state.DisarmedBy.Select(Disarm)], now)
                : new RuleArmedPayload(rule.Id, rule.Type, rule.Camera, rule.Enabled, rule.Enabled ? "armed" : "disabled", true, [], now);
            messages.Add(Message(MqttTopics.RuleArmed(root, rule.Id), payload, payload with { UpdatedAt = default }, AlertJsonContext.Default.RuleArmedPayload));

            IReadOnlyList<string> open = _openEvents.TryGetValue(rule.Id, out var events) ? [.. events.OrderBy(e => e.Value).Select(e => e.Key)] : [];
            var active = new RuleActivePayload(rule.Id, open.Count > 0, open, now);
            messages.Add(Message(MqttTopics.RuleActive(root, rule.Id), active, active with { UpdatedAt = default }, AlertJsonContext.Default.RuleActivePayload));
        }

        if (_gpio is { Enabled: true })
        {
            foreach (var pin in _gpio.Pins)
            {
                var payload = new GpioStatePayload(pin.Name, pin.Kind, pin.Pin, pin.Active, pin.Active ? "on" : "off", pin.ChangedAt);
                messages.Add(Message(MqttTopics.GpioState(root, pin.Name), payload, payload, AlertJsonContext.Default.GpioStatePayload));
            }
        }

        var storage = _storage?.Current;
        var device = new DeviceStatePayload(_site.Site.DeviceId, _site.Site.Name, _settings.Version, _startedAt,
            storage?.Database ?? "unknown", storage?.DatabaseMessage, storage?.DiskFull, storage?.FreeBytes, storage?.SnapshotsDropped,
            storage?.OutboxBacklog, storage?.HeldInMemory, _settings.DetectorProvider(), _settings.DetectorWorkers(),
            _site.Cameras.Count(c => c.Enabled), statuses.Count(s => s.State == CameraState.Streaming), _gpio?.Enabled ?? false, now);
        var deviceKey = device with { FreeBytes = null, UpdatedAt = default };
        messages.Add(Message(MqttTopics.DeviceState(root), device, deviceKey, AlertJsonContext.Default.DeviceStatePayload, refresh: true));
        return messages;
    }

    /// <param name="refresh">Whether figures outside the key (frame counters, free bytes) are worth a message once a <see cref="StatePublisherSettings.RefreshInterval"/>.</param>
    private static (string, byte[], string, bool, Action?) Message<T>(string topic, T payload, T key, JsonTypeInfo<T> type, bool refresh = false, Action? onPublished = null) =>
        (topic, JsonSerializer.SerializeToUtf8Bytes(payload, type), JsonSerializer.Serialize(key, type), refresh, onPublished);

    private double Fps(string camera, long framesIn, DateTime now)
    {
        if (!_frames.TryGetValue(camera, out var last) || framesIn < last.Frames)
        {
            _frames[camera] = (framesIn, now, 0);
            return 0;
        }

        // A wake-up between ticks would measure a sliver of a second: keep the last figure until 0.5 s have passed.
        if ((now - last.At).TotalSeconds < 0.5)
        {
            return last.Fps;
        }

        var fps = Math.Round((framesIn - last.Frames) / (now - last.At).TotalSeconds, 1);
        _frames[camera] = (framesIn, now, fps);
        return fps;
    }

    internal static string StatusName(RuleArmingStatus status) => status switch
    {
        RuleArmingStatus.Armed => "armed",
        RuleArmingStatus.Disabled => "disabled",
        RuleArmingStatus.DisarmedByOperator => "disarmed_by_operator",
        RuleArmingStatus.OutsideSchedule => "outside_schedule",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown arming status"),
    };

    private static DisarmPayload Disarm(ArmingEntry e) => new(
        e.Target.Scope == ArmingScope.Everything ? "all" : $"{ArmingTarget.ScopeName(e.Target.Scope)}:{e.Target.Id}",
        e.By, e.Reason, e.Since.UtcDateTime, e.Until?.UtcDateTime);

    private void OnArmingChanged(object? sender, ArmingResult e) => Wake();

    private void OnGpioChanged(object? sender, GpioPinState e) => Wake();

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
        }
    }

    private sealed record Published(string Key, byte[] Payload, DateTime At);
}
