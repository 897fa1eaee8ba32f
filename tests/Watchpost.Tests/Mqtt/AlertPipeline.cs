using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>Store, publisher and recorder wired as the service wires them, against a given broker.</summary>
internal sealed class AlertPipeline : IAsyncDisposable
{
    public const string DeviceId = "test-box";

    private readonly TempFolder _folder = new();

    public AlertPipeline(MqttBrokerEndpoint broker, RecordingLog log)
    {
        Store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        Latency = new AlertLatencyStats();
        var settings = new MqttAlertPublisherSettings
        {
            TopicPrefix = "watchpost",
            DeviceId = DeviceId,
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        Feed = new EventFeed();
        Publisher = new MqttAlertPublisher(Store, broker, settings, Latency, log.For<MqttAlertPublisher>(), Feed);
        Recorder = new EventRecorder(Store, EventTestData.Composer(DeviceId), new SnapshotRenderer(), Feed, log.For<EventRecorder>(), Latency);
    }

    public LiteDbEventStore Store { get; }

    public EventFeed Feed { get; }

    public AlertLatencyStats Latency { get; }

    public MqttAlertPublisher Publisher { get; }

    public EventRecorder Recorder { get; }

    public async Task StartAsync()
    {
        await Publisher.StartAsync(CancellationToken.None);
        await Recorder.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Recorder.DisposeAsync();
        await Publisher.DisposeAsync();
        Store.Dispose();
        _folder.Dispose();
    }
}
