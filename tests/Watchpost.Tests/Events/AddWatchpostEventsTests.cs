using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>The stages as the service runs them: Generic Host, embedded broker, publisher, recorder.</summary>
public sealed class AddWatchpostEventsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_host_raises_an_alert_through_the_embedded_broker_and_drains_on_stop()
    {
        var options = new WatchpostOptions
        {
            Site = new SiteOptions { DeviceId = "gate-north-01" },
            Mqtt = new MqttOptions { EmbeddedPort = 0 },
            Storage = new StorageOptions { Path = _folder.Path },
            Console = new ConsoleOptions { PublicUrl = "http://10.0.0.9:8080" },
        };
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(_log.AsProvider());
        builder.Services.AddSingleton(options).AddSingleton(TimeProvider.System);
        builder.Services.AddWatchpostMqtt(options).AddWatchpostEvents(options).AddWatchpostRules();

        string eventId;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var broker = host.Services.GetRequiredService<EmbeddedMqttBroker>();
            var recorder = host.Services.GetRequiredService<EventRecorder>();
            Assert.Same(host.Services.GetRequiredService<AlertLatencyStats>(), recorder.Latency);
            await using var subscriber = await MqttTestSubscriber.ConnectAsync("127.0.0.1", broker.Port, "watchpost/gate-north-01/alerts", broker.Username, broker.Password);

            Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 8)));
            var alert = await subscriber.WaitForAsync(_ => true, Timeout);
            Assert.NotNull(alert);
            eventId = JsonDocument.Parse(alert.Payload).RootElement.GetProperty("event_id").GetString()!;
            // The subscriber can hear the alert before the publisher has its PUBACK and records the latency.
            Assert.True(await Poll.UntilAsync(() => recorder.Latency.Count == 1, Timeout));

            // Queued at the moment of shutdown: stored, and sent by the publisher's last flush.
            Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 9)));
            await host.StopAsync();
            Assert.Equal(2, recorder.Recorded);
        }

        using var store = new LiteDbEventStore(options.Storage);
        Assert.Equal([9, 8], (await store.ListRecentAsync(10)).Select(e => e.TrackId));
        Assert.NotNull(await store.GetAsync(eventId));
        Assert.Empty(await store.ListPendingAsync(10));
        _log.AssertNoErrors();
    }
}
