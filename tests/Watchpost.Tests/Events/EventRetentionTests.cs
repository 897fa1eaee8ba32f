using Microsoft.Extensions.Time.Testing;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>Retention by age and by size with small budgets: oldest first, never an event whose alert waits in the outbox.</summary>
public sealed class EventRetentionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Events_older_than_retainDays_go_with_their_snapshots_unless_their_alert_is_undelivered()
    {
        using var store = new LiteDbEventStore(_folder.File("watchpost.db"));
        var jpeg = new byte[20_000];
        var alerts = EventTestData.Alerts();
        var old = Event("old", -40, snapshot: true);
        var waiting = Event("old-undelivered", -45);
        var deferred = Event("old-deferred", -41);
        var refused = Event("old-set-aside", -42);
        await store.AddAsync(old, jpeg, null);
        await store.AddAsync(waiting, null, alerts.Create(waiting));
        var deferredAlert = await store.AddAsync(deferred, null, alerts.Create(deferred));
        await store.DeferAsync(deferredAlert!.Sequence, Now.UtcDateTime.AddHours(1));
        var refusedAlert = await store.AddAsync(refused, null, alerts.Create(refused));
        await store.SetAsideAsync(refusedAlert!.Sequence, "not authorised");
        await store.AddAsync(Event("recent", -29), null, null);

        var retention = new EventRetention(store, new StorageOptions { Path = _folder.Path, RetainDays = 30, MaxSizeGb = 1 }, _log.For<EventRetention>(), new FakeTimeProvider(Now));
        var result = await retention.RunOnceAsync();

        Assert.Equal((2, 0, 2), (result.ByAge, result.BySize, result.KeptForOutbox));
        Assert.Equal(["recent", "old-deferred", "old-undelivered"], (await store.ListRecentAsync(10)).Select(e => e.Id));
        Assert.Null(await store.OpenSnapshotAsync("old"));
        Assert.Equal((2, 0), await store.CountAsync());   // the set-aside alert went with its event
        Assert.Contains(_log.Entries, e => e.Message.Contains("removed 2 events older than 30 days", StringComparison.Ordinal));
        Assert.Equal("retention", (await store.ListAsync(1)).Single().Action);
    }

    [Fact]
    public async Task Over_maxSizeGb_the_oldest_go_until_the_file_fits_and_the_file_shrinks()
    {
        var path = _folder.File("watchpost.db");
        using var store = new LiteDbEventStore(path);
        var jpeg = new byte[50_000];
        new Random(5).NextBytes(jpeg);   // incompressible, like a JPEG
        var alerts = EventTestData.Alerts();
        for (var i = 0; i < 30; i++)
        {
            var e = Event($"e{i:00}", -i / 10.0, snapshot: true);   // e00 newest, e29 oldest
            var alert = await store.AddAsync(e, jpeg, alerts.Create(e));
            if (i != 29 && i != 27)
            {
                await store.MarkDeliveredAsync(alert!.Sequence);   // the two oldest but one stay undelivered
            }
        }

        var before = store.FileBytes;
        Assert.True(before > 1_500_000, $"{before} bytes");
        var storage = new StorageOptions { Path = _folder.Path, RetainDays = 30, MaxSizeGb = 600_000.0 / EventRetention.BytesPerGb };
        var result = await new EventRetention(store, storage, _log.For<EventRetention>(), new FakeTimeProvider(Now)).RunOnceAsync();

        output.WriteLine($"{result}");
        Assert.False(result.OverBudget);
        Assert.True(store.FileBytes <= 600_000, $"{store.FileBytes} bytes after retention");
        Assert.Equal(0, result.ByAge);
        var left = (await store.ListRecentAsync(100)).Select(e => e.Id).ToList();
        Assert.Contains("e29", left);
        Assert.Contains("e27", left);
        Assert.Equal(30 - result.BySize, left.Count);
        // Oldest first: what is left besides the two waiting ones is the newest run, without gaps.
        Assert.Equal(Enumerable.Range(0, left.Count - 2).Select(i => $"e{i:00}"), left.Where(id => id is not ("e29" or "e27")));
        Assert.True(left.Count >= 6, $"only {left.Count} left");
        await using (var snapshot = await store.OpenSnapshotAsync("e00"))
        {
            Assert.NotNull(snapshot);
        }

        Assert.Null(await store.OpenSnapshotAsync("e28"));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*backup*"));
        Assert.Equal(2, (await store.CountAsync()).Pending);
    }

    [Fact]
    public async Task When_only_undelivered_events_are_left_the_file_stays_over_budget_and_says_so()
    {
        using var store = new LiteDbEventStore(_folder.File("watchpost.db"));
        var jpeg = new byte[100_000];
        new Random(6).NextBytes(jpeg);
        for (var i = 0; i < 5; i++)
        {
            var e = Event($"w{i}", -i, snapshot: true);
            await store.AddAsync(e, jpeg, EventTestData.Alerts().Create(e));
        }

        var storage = new StorageOptions { Path = _folder.Path, RetainDays = 30, MaxSizeGb = 100_000.0 / EventRetention.BytesPerGb };
        var result = await new EventRetention(store, storage, _log.For<EventRetention>(), new FakeTimeProvider(Now)).RunOnceAsync();

        Assert.True(result.OverBudget);
        Assert.Equal(0, result.Removed);
        Assert.Equal(5, (await store.ListRecentAsync(10)).Count);
        Assert.Contains(_log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("wait for their alerts", StringComparison.Ordinal));
    }

    private static SecurityEvent Event(string id, double daysAgo, bool snapshot = false) =>
        EventTestData.Event(id, Now.UtcDateTime.AddDays(daysAgo), snapshotId: snapshot ? $"snapshots/{id}.jpg" : null);
}
