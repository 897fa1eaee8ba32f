using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Packets;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Mqtt;

namespace Watchpost.Tests.Mqtt.Commands;

/// <summary>The event log's operations over a few known events; records what it applied.</summary>
internal sealed class FakeEventOperations : IEventOperations
{
    private readonly ConcurrentDictionary<string, SecurityEvent> _events = new();

    public ConcurrentQueue<EventAction> Applied { get; } = new();

    public void Add(string id) => _events[id] = new SecurityEvent(id, DateTime.UtcNow, DateTime.UtcNow, TimeSpan.Zero, "gate", "lawn",
        "lawn-intrusion", "intrusion", "high", "person", 3, 0.9f, new BoundingBox(1, 2, 3, 4), null, EventState.New, new Dictionary<string, object>());

    public Task<SecurityEvent> ApplyAsync(EventAction action, CancellationToken cancellationToken = default)
    {
        if (!_events.TryGetValue(action.EventId, out var e))
        {
            throw new EventNotFoundException(action.EventId);
        }

        if (string.IsNullOrWhiteSpace(action.Operator))
        {
            throw new ArgumentException("operator is required", nameof(action));
        }

        Applied.Enqueue(action);
        var after = e with { State = action.Kind == EventChangeKind.Resolved ? EventState.Resolved : EventState.Acknowledged };
        _events[e.Id] = after;
        return Task.FromResult(after);
    }
}

/// <summary>Two relays, siren and strobe; records each switch.</summary>
internal sealed class FakeRelays : IRelayController
{
    public ConcurrentQueue<(string Name, RelayAction Action, double? Seconds, string By)> Calls { get; } = new();

    public IReadOnlyCollection<string> Relays { get; } = ["siren", "strobe"];

    public Task<bool> SetAsync(string name, RelayAction action, double? seconds, string by, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((name, action, seconds, by));
        return Task.FromResult(action != RelayAction.Off);
    }
}

internal sealed class RecordingAudit : IAuditLog
{
    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? target = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries.Reverse().Where(e => target is null || e.Target == target).Take(limit)]);
}

/// <summary>The running site without cameras: records each site applied and says which cameras' rules changed.</summary>
internal sealed class FakeRunningSite(WatchpostOptions site) : IRunningSite
{
    public WatchpostOptions Site { get; private set; } = site;

    public ConcurrentQueue<WatchpostOptions> Applied { get; } = new();

    public Task<IReadOnlyDictionary<string, string>> ApplyAsync(WatchpostOptions next, CancellationToken cancellationToken)
    {
        var done = next.Cameras.Where(c => SiteDiff.CameraRules(Site, c.Id) != SiteDiff.CameraRules(next, c.Id))
            .ToDictionary(c => c.Id, _ => "rules replaced");
        Applied.Enqueue(next);
        Site = next;
        return Task.FromResult<IReadOnlyDictionary<string, string>>(done);
    }
}

/// <summary>An MQTT connection that keeps what is published (the fuzz test calls the router's entry point directly).</summary>
internal sealed class RecordingConnection(string topicRoot) : IMqttConnection
{
    private int _count;
    private MqttApplicationMessage? _last;

    public ConcurrentQueue<MqttApplicationMessage> Published { get; } = new();

    /// <summary>How many were published (cheap, unlike counting the queue while the fuzz test adds thousands).</summary>
    public int Count => Volatile.Read(ref _count);

    public MqttApplicationMessage? Last => Volatile.Read(ref _last);

    /// <summary>Keep only the count and the last message (the fuzz test sends thousands).</summary>
    public bool CountOnly { get; init; }

    public bool IsConnected => true;

    public MqttBrokerEndpoint Broker { get; } = new("127.0.0.1", 1, null, null);

    public string TopicRoot => topicRoot;

    public event Func<CancellationToken, Task>? Connected
    {
        add { }
        remove { }
    }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        if (!CountOnly)
        {
            Published.Enqueue(message);
        }

        Volatile.Write(ref _last, message);
        Interlocked.Increment(ref _count);
        return Task.FromResult(new MqttClientPublishResult(null, MqttClientPublishReasonCode.Success, null, new List<MqttUserProperty>()));
    }

    public IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, CancellationToken, Task> handler) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
