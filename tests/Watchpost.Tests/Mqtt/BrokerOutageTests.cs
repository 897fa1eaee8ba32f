using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>Zero alert loss across a broker outage: the real recorder, LiteDB store and outbox sender against a real mosquitto.</summary>
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RaiseEvery = TimeSpan.FromMilliseconds(400);
    private readonly RecordingLog _log = new(output);

    // LONG TEST (about 75 s): the issue asks for the broker to be stopped for 60 s while alerts keep being raised.
    [Fact]
    public async Task Alerts_raised_during_a_60_s_broker_outage_all_arrive_at_a_persistent_subscriber()
    {
        using var mosquitto = await MosquittoBroker.StartAsync(persistent: true);
        // Clean start false, long session expiry: mosquitto keeps the subscription and queues QoS-1 alerts for it, also across its restart.
        await using var subscriber = await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, mosquitto.Port, "watchpost/test-box/alerts", persistentSession: true);
        await using var pipeline = new AlertPipeline(new MqttBrokerEndpoint(MosquittoBroker.Host, mosquitto.Port, null, null), _log);
        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => pipeline.Connection.IsConnected, TimeSpan.FromSeconds(10)));

        var raised = 0;
        using var raising = new CancellationTokenSource();
        var raiser = Task.Run(async () =>
        {
            while (!raising.IsCancellationRequested)
            {
                Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: raised, camera: $"cam-{raised % 4}")));
                raised++;
                await Task.Delay(RaiseEvery, CancellationToken.None);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(3));
        await mosquitto.StopAsync();
        var raisedBeforeOutage = raised;
        await Task.Delay(Outage);
        var raisedDuringOutage = raised - raisedBeforeOutage;
        var waiting = (await pipeline.Store.CountAsync()).Pending;
        await mosquitto.StartAgainAsync();
        await subscriber.ReconnectAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await raising.CancelAsync();
        await raiser;

        // Drain: every stored event's alert leaves the outbox and reaches the subscriber.
        Assert.True(await Poll.UntilAsync(() => pipeline.Recorder.Recorded == raised, TimeSpan.FromSeconds(20)), $"{pipeline.Recorder.Recorded} of {raised} recorded");
        Assert.True(await Poll.UntilAsync(async () => (await pipeline.Store.CountAsync()).Pending == 0, TimeSpan.FromSeconds(20)), "outbox not emptied");
        var stored = (await pipeline.Store.ListRecentAsync(10_000)).Select(e => e.Id).ToList();
        await Poll.UntilAsync(() => ZeroAlertLossCount.Of(raised, stored, subscriber.Received).Missing.Count == 0, TimeSpan.FromSeconds(10));

        var count = ZeroAlertLossCount.Of(raised, stored, subscriber.Received);
        count.Print(output, $"broker stopped {Outage.TotalSeconds:0} s ({raisedDuringOutage} raised meanwhile, {waiting} waiting in the outbox when it came back)");
        output.WriteLine($"sender: sent {pipeline.Sender.Sent}, delivered {pipeline.Sender.Delivered}, deferred {pipeline.Sender.Deferred}, set aside {pipeline.Sender.SetAside}");
        Assert.True(raisedDuringOutage > 100, $"only {raisedDuringOutage} alerts raised during the outage");
        Assert.True(waiting >= raisedDuringOutage, $"{waiting} messages waited in the outbox, {raisedDuringOutage} were raised");
        Assert.Equal(raised, count.Stored);
        Assert.Empty(count.Missing);
        Assert.Equal(0, pipeline.Recorder.Lost);
        Assert.Equal(0, pipeline.Sender.SetAside);
        _log.AssertNoErrors();
    }
}
