using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>Store, feed, connection, outbox sender and recorder wired as the service wires them, against a given broker.</summary>
internal sealed class AlertPipeline : IAsyncDisposable
{
    public const string DefaultDeviceId = "test-box";

    private readonly TempFolder? _ownFolder;

    /// <param name="databasePath">An existing database to use (e.g. one a previous pipeline left); null = a fresh one in a temp folder.</param>
    public AlertPipeline(MqttBrokerEndpoint broker, RecordingLog log, string deviceId = DefaultDeviceId, string? databasePath = null,
        OutboxSenderSettings? senderSettings = null)
    {
        DeviceId = deviceId;
        if (databasePath is null)
        {
            _ownFolder = new TempFolder();
            databasePath = Path.Combine(_ownFolder.Path, "watchpost.db");
        }

        Store = new LiteDbEventStore(databasePath);
        Latency = new AlertLatencyStats();
        Connection = new MqttConnection(broker, new MqttConnectionSettings
        {
            TopicPrefix = "watchpost",
            DeviceId = deviceId,
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        }, log.For<MqttConnection>());
        Sender = new OutboxSender(Connection, Store, Feed, senderSettings ?? new OutboxSenderSettings(), Latency, log.For<OutboxSender>());
        Recorder = new EventRecorder(Store, EventTestData.Composer(deviceId), new SnapshotRenderer(), Feed, log.For<EventRecorder>(), Latency);
    }

    public string DeviceId { get; }

    public LiteDbEventStore Store { get; }

    public EventFeed Feed { get; } = new();

    public AlertLatencyStats Latency { get; }

    public MqttConnection Connection { get; }

    public OutboxSender Sender { get; }

    public EventRecorder Recorder { get; }

    /// <summary>In the host's order: connection, sender, recorder.</summary>
    public async Task StartAsync()
    {
        await Connection.StartAsync(CancellationToken.None);
        await Sender.StartAsync(CancellationToken.None);
        await Recorder.StartAsync(CancellationToken.None);
    }

    /// <summary>In reverse: the recorder drains into the outbox, the sender flushes, the connection says "offline".</summary>
    public async ValueTask DisposeAsync()
    {
        await Recorder.DisposeAsync();
        await Sender.DisposeAsync();
        await Connection.DisposeAsync();
        Store.Dispose();

        _ownFolder?.Dispose();
    }
}
