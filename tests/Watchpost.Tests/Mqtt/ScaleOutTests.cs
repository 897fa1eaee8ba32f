using System.Text.Json;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// Several boxes, one broker cluster: two mosquittos bridged together (B has a <c>connection</c> to A with
/// <c>topic watchpost/# both 1</c>, as docs/scale-out.md shows), one box on each, each under its own device id;
/// a subscriber at either broker on <c>watchpost/+/alerts</c> receives every alert of both.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int AlertsPerBox = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly RecordingLog _log = new(output);

    [Fact]
    public async Task Two_boxes_on_two_bridged_brokers_reach_a_subscriber_at_the_far_broker()
    {
        using var brokerA = await MosquittoBroker.StartAsync();
        using var brokerB = await MosquittoBroker.StartAsync(extraConfig: _ =>
        [
            "connection bridge-to-a",
            $"address {MosquittoBroker.Host}:{brokerA.Port}",
            "topic watchpost/# both 1",
            "bridge_protocol_version mqttv50",
            "cleansession false",
            "try_private true",
        ]);
        await Poll.UntilAsync(() => brokerA.Log.Any(l => l.Contains("bridge-to-a", StringComparison.Ordinal)), Timeout,
            () => "broker B's bridge did not connect to A:\n" + string.Join('\n', brokerB.Log));

        await using var atA = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, brokerA.Port, "watchpost/+/alerts");
        await using var atB = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, brokerB.Port, "watchpost/+/alerts");
        await using var boxA = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, brokerA.Port, null, null), _log, deviceId: "box-a");
        await using var boxB = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, brokerB.Port, null, null), _log, deviceId: "box-b");
        await boxA.StartAsync();
        await boxB.StartAsync();

        for (var i = 0; i < AlertsPerBox; i++)
        {
            Assert.True(boxA.Recorder.TryRecord(EventTestData.Candidate(trackId: i)));
            Assert.True(boxB.Recorder.TryRecord(EventTestData.Candidate(trackId: 100 + i)));
        }

        var expected = new HashSet<(string, string)>();
        await Poll.UntilAsync(() => boxA.Recorder.Recorded == AlertsPerBox && boxB.Recorder.Recorded == AlertsPerBox, Timeout, () => "events not recorded");
        foreach (var box in new[] { boxA, boxB })
        {
            foreach (var stored in await box.Store.ListRecentAsync(100))
            {
                expected.Add((box.DeviceId, stored.Id));
            }
        }

        Assert.Equal(2 * AlertsPerBox, expected.Count);
        foreach (var (name, subscriber) in new[] { ("A", atA), ("B", atB) })
        {
            await Poll.UntilAsync(() => Alerts(subscriber).IsSupersetOf(expected), Timeout,
                () => $"the subscriber at broker {name} has {Alerts(subscriber).Intersect(expected).Count()} of {expected.Count} alerts");
            Assert.All(subscriber.Received, m => Assert.Matches("^watchpost/box-[ab]/alerts$", m.Topic));
            output.WriteLine($"subscriber at broker {name}: {subscriber.Received.Count} alerts ({Alerts(subscriber).Count(a => a.DeviceId == "box-a")} of box-a, {Alerts(subscriber).Count(a => a.DeviceId == "box-b")} of box-b)");
        }

        _log.AssertNoErrors();
    }

    private static HashSet<(string DeviceId, string EventId)> Alerts(MqttTestSubscriber subscriber) =>
        subscriber.Received.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Select(a => (a.GetProperty("device_id").GetString()!, a.GetProperty("event_id").GetString()!)).ToHashSet();
}
