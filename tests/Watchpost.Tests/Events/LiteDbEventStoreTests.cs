using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Events;

using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

public sealed class LiteDbEventStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_batch_is_stored_in_order_in_one_transaction_and_delivered_alerts_leave_together()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var startedAt = new DateTime(2026, 11, 29, 21, 4, 5, DateTimeKind.Utc);
        var jpeg = new SnapshotRenderer().Render(EventTestData.FootageFrame, EventTestData.PersonBox, "person #17 0.83");
        var writes = Enumerable.Range(0, 5).Select(i =>
        {
            var e = EventTestData.Event($"ev-{i}", startedAt.AddSeconds(i), snapshotId: i % 2 == 0 ? $"snapshots/ev-{i}.jpg" : null);
            return new EventWrite(e, i % 2 == 0 ? jpeg : null, EventTestData.Alerts().Create(e, startedAt));
        }).ToList();

        var enqueued = await store.AddBatchAsync(writes);
        Assert.Equal(writes.Select(w => w.Messages[0].MessageId), enqueued.Select(m => m!.MessageId));
        var pending = await store.ListPendingAsync(10);
        Assert.Equal(enqueued.Select(m => m!.Sequence), pending.Select(m => m.Sequence));
        Assert.Equal(["ev-0", "ev-1", "ev-2", "ev-3", "ev-4"], pending.Select(m => m.EventId));
        Assert.Equal(5, (await store.ListRecentAsync(10)).Count);
        await using (var snapshot = await store.OpenSnapshotAsync("ev-2"))
        {
            Assert.NotNull(snapshot);
        }

        // A write that fails half-way (the same event twice) and nothing of its batch stays: not even the first.
        var good = EventTestData.Event("ev-good", startedAt, snapshotId: "snapshots/ev-good.jpg");
        var twice = new EventWrite(good, jpeg, EventTestData.Alerts().Create(good, startedAt));
        await Assert.ThrowsAsync<LiteDB.LiteException>(() => store.AddBatchAsync([twice, twice with { Messages = [EventTestData.Alerts().Create(good, startedAt)] }]));
        Assert.Null(await store.GetAsync("ev-good"));
        Assert.Null(await store.OpenSnapshotAsync("ev-good"));
        Assert.Equal(5, (await store.ListPendingAsync(10)).Count);

        await store.MarkDeliveredAsync([pending[0].Sequence, pending[1].Sequence, pending[2].Sequence]);
        Assert.Equal(pending.Skip(3).Select(m => m.Sequence), (await store.ListPendingAsync(10)).Select(m => m.Sequence));
    }

    [Fact]
    public async Task Event_snapshot_and_outbox_survive_a_reopen_with_utc_times()
    {
        // A time that is not midnight-aligned in any zone and carries milliseconds.
        var startedAt = new DateTime(2026, 11, 29, 21, 4, 5, 120, DateTimeKind.Utc);
        var stored = EventTestData.Event("ev-1", startedAt, snapshotId: "snapshots/ev-1.jpg");
        var jpeg = new SnapshotRenderer().Render(EventTestData.FootageFrame, stored.Box, "person #17 0.83");
        var alert = EventTestData.Alerts().Create(stored, startedAt.AddMilliseconds(2400));

        long sequence;
        using (var store = new LiteDbEventStore(new StorageOptions { Path = _folder.Path }))
        {
            Assert.Equal(Path.Combine(_folder.Path, "watchpost.db"), store.DatabasePath);
            var enqueued = await store.AddAsync(stored, jpeg, alert);
            Assert.NotNull(enqueued);
            Assert.True(enqueued.Sequence > 0);
            sequence = enqueued.Sequence;
        }

        using (var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db")))
        {
            var read = await store.GetAsync("ev-1");
            Assert.NotNull(read);
            Assert.Equal(DateTimeKind.Utc, read.StartedAt.Kind);
            Assert.Equal(DateTimeKind.Utc, read.RecordedAt.Kind);
            Assert.Equal(startedAt, read.StartedAt);
            Assert.Equal(stored.RecordedAt, read.RecordedAt);
            Assert.Equal(stored with { Details = read.Details }, read);
            Assert.Equal(2.4, read.Details["duration_s"]);

            await using (var snapshot = await store.OpenSnapshotAsync("ev-1"))
            {
                Assert.NotNull(snapshot);
                using var copy = new MemoryStream();
                await snapshot.CopyToAsync(copy);
                Assert.Equal(jpeg, copy.ToArray());
                using var decoded = Cv2.ImDecode(copy.ToArray(), ImreadModes.Color);
                Assert.Equal(EventTestData.FootageFrame.Size(), decoded.Size());
            }

            var pending = Assert.Single(await store.ListPendingAsync(10));
            Assert.Equal(sequence, pending.Sequence);
            Assert.Equal(alert.MessageId, pending.MessageId);
            Assert.Equal(alert.Payload, pending.Payload);
            Assert.Equal("watchpost/test-box/alerts", pending.Topic);
            Assert.Equal(1, pending.QualityOfService);
            Assert.Equal("ev-1", pending.EventId);
            Assert.Equal(DateTimeKind.Utc, pending.CreatedAt.Kind);
            Assert.Equal(startedAt.AddMilliseconds(2400), pending.FrameReceivedAt);

            await store.RecordAttemptAsync(sequence);
            Assert.Equal(1, Assert.Single(await store.ListPendingAsync(10)).Attempts);
            await store.MarkDeliveredAsync(sequence);
        }

        using (var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db")))
        {
            Assert.Empty(await store.ListPendingAsync(10));
            Assert.NotNull(await store.GetAsync("ev-1"));
        }
    }

    [Fact]
    public async Task ListRecent_returns_the_newest_first_and_filters_by_camera()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await store.AddAsync(EventTestData.Event("a", t0, "gate-1"), null, null);
        await store.AddAsync(EventTestData.Event("b", t0.AddMinutes(2), "gate-2"), null, null);
        await store.AddAsync(EventTestData.Event("c", t0.AddMinutes(1), "gate-1"), null, null);

        Assert.Equal(["b", "c", "a"], (await store.ListRecentAsync(10)).Select(e => e.Id));
        Assert.Equal(["b", "c"], (await store.ListRecentAsync(2)).Select(e => e.Id));
        Assert.Equal(["c", "a"], (await store.ListRecentAsync(10, "gate-1")).Select(e => e.Id));
        Assert.Null(await store.GetAsync("missing"));
        Assert.Null(await store.OpenSnapshotAsync("a"));
        Assert.Empty(await store.ListPendingAsync(10));
    }

    [Fact]
    public async Task Outbox_keeps_the_order_messages_were_enqueued_in()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        var alerts = EventTestData.Alerts();
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var message = alerts.Create(EventTestData.Event($"e{i}", t0.AddSeconds(i)));
            ids.Add(message.MessageId);
            await store.EnqueueAsync(message);
        }

        var pending = await store.ListPendingAsync(10);
        Assert.Equal(ids, pending.Select(m => m.MessageId));
        await store.MarkDeliveredAsync(pending[0].Sequence);
        Assert.Equal(ids.Skip(1).Take(2), (await store.ListPendingAsync(2)).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes()
    {
        // What the CLI does while the service runs: each call takes the file lock and opens the file for itself.
        var path = Path.Combine(_folder.Path, "watchpost.db");
        using var service = new LiteDbEventStore(path);
        using var cli = new LiteDbEventStore(path);
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await service.AddAsync(EventTestData.Event("from-service", t0), null, EventTestData.Alerts().Create(EventTestData.Event("from-service", t0)));
        Assert.Equal("from-service", Assert.Single(await cli.ListRecentAsync(10)).Id);
        var pending = Assert.Single(await cli.ListPendingAsync(10));
        await cli.MarkDeliveredAsync(pending.Sequence);
        Assert.Empty(await service.ListPendingAsync(10));
    }
}
