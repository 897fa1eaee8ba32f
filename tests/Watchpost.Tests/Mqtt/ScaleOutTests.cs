using System.Text.Json;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// Several boxes, one broker cluster: two mosquittos bridged together (B has a <c>connection</c> to A with
/// <c>topic watchpost/# both 1</c>, as docs/scale-out.md shows), one box on each, each under its own device id;
/// a subscriber at either broker on <c>watchpost/+/alerts</c> receives every alert of both. Once with two boxes in
/// this process (fast), once with two `watchpost run` processes on the real model and footage.
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
        using var brokerB = await BridgedToAsync(brokerA);
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

    // LONGER TEST (about 10-30 s on two shared cores): two real appliance processes, each loading the model and
    // detecting on vtest.avi at 3 frames a second; the issue asks for two appliance processes.
    [MediaFact("models/yolox_nano.onnx", "media/vtest.avi")]
    public async Task Two_appliance_processes_on_bridged_brokers_reach_a_subscriber_at_the_far_broker()
    {
        using var brokerA = await MosquittoBroker.StartAsync();
        using var brokerB = await BridgedToAsync(brokerA);
        await using var atA = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, brokerA.Port, "watchpost/+/alerts");
        await using var atB = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, brokerB.Port, "watchpost/+/alerts");
        using var folder = new TempFolder();
        var boxes = new[] { ("proc-a", brokerA.Port), ("proc-b", brokerB.Port) };
        var processes = boxes.Select(b => ApplianceProcess.Start(ProcessSite(folder, b.Item1, b.Item2))).ToList();
        try
        {
            await Poll.UntilAsync(() => processes.All(p => p.Raised.Count >= 8 || p.HasExited), TimeSpan.FromSeconds(90),
                () => string.Join("\n---\n", processes.Select(p => $"{p.Raised.Count} raised:\n" + string.Join('\n', p.Lines.TakeLast(15)))));
            Assert.All(processes, p => Assert.False(p.HasExited, string.Join('\n', p.Lines.TakeLast(30))));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.StopAsync(TimeSpan.FromSeconds(30));
                process.Dispose();
            }
        }

        // Every event in either box's log reaches a subscriber at either broker.
        var expected = new HashSet<(string, string)>();
        foreach (var (deviceId, _) in boxes)
        {
            using var store = new LiteDbEventStore(Path.Combine(folder.Path, deviceId, LiteDbEventStore.DatabaseFileName));
            foreach (var stored in await store.ListRecentAsync(100_000))
            {
                expected.Add((deviceId, stored.Id));
            }
        }

        Assert.True(expected.Count(e => e.Item1 == "proc-a") >= 8 && expected.Count(e => e.Item1 == "proc-b") >= 8, $"{expected.Count} events stored");
        foreach (var (name, subscriber) in new[] { ("A", atA), ("B", atB) })
        {
            await Poll.UntilAsync(() => Alerts(subscriber).IsSupersetOf(expected), Timeout,
                () => $"the subscriber at broker {name} has {Alerts(subscriber).Intersect(expected).Count()} of {expected.Count} alerts");
            output.WriteLine($"processes, subscriber at broker {name}: {Alerts(subscriber).Count(a => a.DeviceId == "proc-a")} alerts of proc-a, {Alerts(subscriber).Count(a => a.DeviceId == "proc-b")} of proc-b; {expected.Count} events in the two logs");
        }
    }

    private static Task<MosquittoBroker> BridgedToAsync(MosquittoBroker brokerA) => MosquittoBroker.StartAsync(extraConfig: _ =>
    [
        "connection bridge-to-a",
        $"address {MosquittoBroker.Host}:{brokerA.Port}",
        "topic watchpost/# both 1",
        "bridge_protocol_version mqttv50",
        "cleansession false",
        "try_private true",
    ]);

    /// <summary>vtest.avi in real time, detected 3 times a second; every person in the frame raises an event.</summary>
    private static string ProcessSite(TempFolder folder, string deviceId, int brokerPort)
    {
        var site = new
        {
            site = new { deviceId },
            detector = new { modelPath = TestAssets.Model, providers = new[] { "cpu" }, sessions = 1 },
            cameras = new[] { new { id = "cam", url = TestAssets.Video, loop = true, realtime = true, detectFps = 3 } },
            zones = new[] { new { id = "all", camera = "cam", polygon = new[] { new[] { 0, 0 }, new[] { 768, 0 }, new[] { 768, 576 }, new[] { 0, 576 } } } },
            rules = new object[] { new { id = "anyone", type = "intrusion", zone = "all", durationSeconds = 0, cooldownSeconds = 0, severity = "high" } },
            mqtt = new { broker = $"mqtt://127.0.0.1:{brokerPort}" },
            storage = new { path = Path.Combine(folder.Path, deviceId) },
            console = new { listen = $"http://127.0.0.1:{FreePort.Tcp()}" },
        };
        var path = folder.File(deviceId + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(site));
        return path;
    }

    private static HashSet<(string DeviceId, string EventId)> Alerts(MqttTestSubscriber subscriber) =>
        subscriber.Received.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Select(a => (a.GetProperty("device_id").GetString()!, a.GetProperty("event_id").GetString()!)).ToHashSet();
}
