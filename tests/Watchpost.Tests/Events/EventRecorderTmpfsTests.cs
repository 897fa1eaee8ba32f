using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>
/// The recorder on a real 6 MB tmpfs, with the real LiteDB store and footage frames, raising events until the disk
/// is full and beyond: every event still gets its alert, nothing throws, and what was held is written once room
/// returns. (Runs about 10-15 s here, most of it filling the last megabytes with events.)
/// </summary>
public sealed class EventRecorderTmpfsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly RecordingLog _log = new(output);

    [TmpfsFact]
    public async Task On_a_full_tmpfs_every_event_still_alerts_and_the_held_ones_are_written_when_room_returns()
    {
        using var tmpfs = SmallTmpfs.Mount(6);
        tmpfs.Fill("filler-a.bin", 1024 * 1024);
        var options = new StorageOptions { Path = tmpfs.Path };
        var store = new LiteDbEventStore(options);
        var space = new StorageSpace(tmpfs.Path, (long)(options.ReserveMb * 1024 * 1024), _log.For<StorageSpace>());
        var held = new HeldEvents();
        var outbox = new DurableAlertOutbox(store, held, _log.For<DurableAlertOutbox>());
        var recorder = EventTestData.Recorder(store, _log, settings: new EventRecorderSettings { FlushInterval = TimeSpan.FromMilliseconds(200) }, space: space, held: held);
        var health = new StorageHealth(store, space, recorder, outbox);
        await recorder.StartAsync(CancellationToken.None);

        // A sender: takes the alerts from the outbox (disk or memory) and acknowledges them.
        var alerted = new ConcurrentDictionary<string, byte>();
        using var stopSending = new CancellationTokenSource();
        var sending = SendAsync(outbox, alerted, stopSending.Token);

        var raised = new List<string>();
        var clock = Stopwatch.StartNew();
        var heldSeen = 0;
        string? filler = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(40) && heldSeen < 40)
        {
            if (filler is null && recorder.Recorded >= 16)
            {
                // The first events stored with their snapshots: now take most of the rest at once (to keep the test short), to give back at the end.
                Assert.True(await Poll.UntilAsync(() => recorder.Pending == 0, Timeout));
                filler = tmpfs.Fill("filler-b.bin", 2560 * 1024);
            }

            for (var i = 0; i < 16; i++)
            {
                var id = Guid.CreateVersion7().ToString("N");
                raised.Add(id);
                Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: raised.Count, camera: $"cam-{i}") with { EventId = id }));
            }

            await Task.Delay(10);
            heldSeen = held.Count;
        }

        output.WriteLine($"{raised.Count} events raised in {clock.Elapsed.TotalSeconds:F1} s; {recorder.Recorded} on disk, {held.Count} held in memory, {recorder.SnapshotsDropped} snapshots dropped, {tmpfs.FreeBytes} bytes free");
        Assert.True(heldSeen >= 40, $"the disk never filled up: {tmpfs.FreeBytes} bytes free, {recorder.Recorded} events stored");
        Assert.True(await Poll.UntilAsync(() => recorder.Pending == 0, Timeout));

        // Every event raised has had its alert sent, stored or held; snapshots went first; the status says so.
        Assert.True(await Poll.UntilAsync(() => raised.All(alerted.ContainsKey), Timeout), $"{raised.Count(id => !alerted.ContainsKey(id))} events without an alert");
        var status = health.Current;
        output.WriteLine($"status while full: {status}");
        Assert.True(status.DiskFull);
        Assert.Equal("unavailable", status.Database);
        Assert.True(status.HeldInMemory > 0);
        Assert.True(status.SnapshotsDropped > 0);
        var firstEvents = (await store.ListRecentAsync(raised.Count + 10)).Where(e => e.TrackId <= 8).ToList();
        Assert.Contains(firstEvents, e => e.SnapshotId is not null);   // before the disk filled, snapshots were stored
        Assert.Equal(0, recorder.Lost);

        // Room again: the held events are written to the file.
        File.Delete(filler!);
        Assert.True(await Poll.UntilAsync(() => held.Count == 0, Timeout), $"{held.Count} still held with {tmpfs.FreeBytes} bytes free");
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == raised.Count, Timeout), $"{recorder.Recorded} of {raised.Count} on disk");
        var stored = (await store.ListRecentAsync(raised.Count + 10)).Select(e => e.Id).ToHashSet();
        Assert.DoesNotContain(raised, id => !stored.Contains(id));
        Assert.Equal(raised.Count, alerted.Count);
        output.WriteLine($"after freeing room: {health.Current}");

        await stopSending.CancelAsync();
        await sending;
        await recorder.DisposeAsync();
        store.Dispose();
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Disk full", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains("No space left", StringComparison.Ordinal));   // LiteDB never met the end of the disk
        _log.AssertNoErrors();
    }

    private static async Task SendAsync(IAlertOutbox outbox, ConcurrentDictionary<string, byte> alerted, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var pending = await outbox.ListPendingAsync(256, CancellationToken.None);
            foreach (var message in pending.Where(m => m.Topic.EndsWith("/alerts", StringComparison.Ordinal)))
            {
                alerted.TryAdd(message.EventId!, 0);
            }

            await outbox.MarkDeliveredAsync(pending.Select(m => m.Sequence).ToList(), CancellationToken.None);
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
