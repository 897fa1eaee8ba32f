using Xunit.Abstractions;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

/// <summary>An event's updates and end reach the real LiteDB file through the recorder: best snapshot kept, ended_at stored.</summary>
public sealed class EventLifecycleTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_update_replaces_the_snapshot_only_with_a_better_view_and_the_end_stores_ended_at()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        await using var recorder = EventTestData.Recorder(store, _log, composer: EventTestData.Composer(lifecycle: true));
        await recorder.StartAsync(CancellationToken.None);
        const string id = "0190aaaabbbbccccddddeeeeffff0001";
        var small = new BoundingBox(340, 180, 20, 50);
        var large = new BoundingBox(300, 150, 60, 150);

        Assert.True(recorder.TryRecord(EventTestData.Candidate() with { EventId = id, Box = small, SnapshotQuality = small.Area * 0.8 }));
        Assert.True(await Poll.UntilAsync(async () => await store.OpenSnapshotAsync(id) is not null, Timeout));   // attached after the event
        var first = await Snapshot(store, id);

        // A better view replaces the snapshot, box and figures; a worse one later changes only the figures.
        Assert.True(recorder.TryRecord(EventTestData.Candidate() with
        {
            EventId = id, Phase = EventPhase.Updated, Box = large, Score = 0.9f, SnapshotQuality = large.Area * 0.9,
            Details = new Dictionary<string, object> { ["dwell_s"] = 12.0 },
        }));
        Assert.True(recorder.TryRecord(EventTestData.Candidate() with
        {
            EventId = id, Phase = EventPhase.Updated, Box = small, SnapshotQuality = small.Area * 0.5,
            Details = new Dictionary<string, object> { ["dwell_s"] = 14.0 },
        }));
        var endedAt = DateTimeOffset.UtcNow;
        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false) with
        {
            EventId = id, Phase = EventPhase.Ended, FrameReceivedAt = endedAt, Details = new Dictionary<string, object> { ["dwell_s"] = 15.5, ["direction"] = "a_to_b" },
        }));
        Assert.True(await Poll.UntilAsync(() => store.GetAsync(id).Result?.EndedAt is not null, Timeout));
        // Snapshots are attached after the steps are stored, on the recorder's second loop.
        Assert.True(await Poll.UntilAsync(() => store.SnapshotQualityAsync(id).Result is { } q && Math.Abs(q - large.Area * 0.9) < 1e-3, Timeout));

        var stored = (await store.GetAsync(id))!;
        Assert.Equal(large, stored.Box);
        Assert.Equal(0.9f, stored.Score);
        Assert.Equal(15.5, stored.Details["dwell_s"]);
        Assert.Equal("a_to_b", stored.Details["direction"]);
        Assert.Equal(DateTimeKind.Utc, stored.EndedAt!.Value.Kind);
        Assert.InRange((stored.EndedAt.Value - endedAt.UtcDateTime).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(first, await Snapshot(store, id));
        Assert.Equal(large.Area * 0.9, (await store.SnapshotQualityAsync(id))!.Value, 3);
        Assert.Equal(1, recorder.Recorded);          // one event, not one per step
        // One alert, and one lifecycle message stored with each change: start, update, update, end.
        var messages = await store.ListPendingAsync(10);
        Assert.Single(messages, m => m.Topic == "watchpost/test-box/alerts");
        Assert.Equal(["start", "update", "update", "end"], messages.Where(m => m.Topic == TestMessageComposer.EventsTopic)
            .Select(m => System.Text.Json.JsonDocument.Parse(m.Payload).RootElement.GetProperty("type").GetString()));
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_step_of_an_event_that_was_never_stored_changes_nothing()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));

        Assert.False(await store.UpdateAsync(new EventLifecycleUpdate("nope") { EndedAt = DateTime.UtcNow }));
        Assert.Empty(await store.ListRecentAsync(10));
    }

    private static async Task<byte[]> Snapshot(LiteDbEventStore store, string id)
    {
        await using var stream = (await store.OpenSnapshotAsync(id))!;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
