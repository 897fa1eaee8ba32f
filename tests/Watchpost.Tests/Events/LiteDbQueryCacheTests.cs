using System.Collections;
using System.Reflection;
using LiteDB;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>
/// LiteDB 5 compiles every expression text once and keeps the compiled delegate in a process-wide cache that is
/// never trimmed (BsonExpression's static _cacheScalar, keyed by the text). Query.EQ/LTE/In(field, value) put the
/// value into the text, so each distinct value (the sender's "now", a batch of sequences, an event id) was one more
/// compiled delegate for the life of the process: the steady heap growth of docs/performance.md's ten-minute soak.
/// The store's queries must be parameterised, so that their number of texts stays fixed however much work it does.
/// </summary>
public sealed class LiteDbQueryCacheTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;

    public LiteDbQueryCacheTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sending_querying_and_removing_events_does_not_grow_LiteDBs_compiled_expression_cache()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        using var store = new LiteDbEventStore(_folder.File("watchpost.db"), time: time);
        const int Rounds = 200;

        async Task RoundAsync(int i)
        {
            // What the sender does per alert (list what is due now, defer it, remove it once taken), what a
            // console's filters and an event's audit trail ask, and retention's removal by event id.
            var e = EventTestData.Event($"ev-{i:0000}", T0.AddSeconds(i));
            await store.AddAsync(e, null, null);
            var message = await store.EnqueueAsync(new OutboxMessage(0, $"m-{i}", "watchpost/test-box/alerts", [1, 2, 3], 1, false, 0, T0, null, e.Id));
            time.Advance(TimeSpan.FromMilliseconds(1500));
            Assert.Contains(await store.ListPendingAsync(64), m => m.Sequence == message.Sequence);
            await store.DeferAsync(message.Sequence, time.GetUtcNow().UtcDateTime.AddMilliseconds(-1));
            await store.MarkDeliveredAsync([message.Sequence]);
            await store.QueryAsync(new EventQuery(Since: T0.AddSeconds(i), Until: T0.AddSeconds(i + 1), CameraId: $"cam-{i}", RuleId: $"rule-{i}", Severity: $"sev-{i}", State: EventState.New));
            await store.ListAsync(10, target: e.Id);
        }

        // Warm-up: the fixed texts of the store's queries are compiled once.
        await RoundAsync(-1);
        var before = CachedExpressions();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Rounds; i++)
        {
            await RoundAsync(i);
        }

        var retention = await new EventRetention(store, new StorageOptions { Path = _folder.Path, RetainDays = 1, MaxSizeGb = 1 },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EventRetention>.Instance, new FakeTimeProvider(new DateTimeOffset(T0.AddDays(3)))).RunOnceAsync();
        var after = CachedExpressions();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        _output.WriteLine($"LiteDB compiled expressions: {before} before, {after} after {Rounds} rounds (+ retention removing {retention.ByAge}); heap {(heapAfter - heapBefore) / Rounds} bytes a round");

        Assert.True(retention.ByAge >= Rounds, $"retention removed {retention.ByAge} events");
        // A few fixed texts may first appear in retention; one per round (or per value) is the leak.
        Assert.True(after - before <= 10, $"LiteDB's expression cache grew from {before} to {after} entries over {Rounds} rounds: a query puts a value into its text");
    }

    /// <summary>The number of compiled expressions LiteDB holds for the process (its private static cache).</summary>
    private static int CachedExpressions()
    {
        var caches = typeof(BsonExpression).GetFields(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(f => f.Name.StartsWith("_cache", StringComparison.Ordinal))
            .Select(f => f.GetValue(null)).OfType<ICollection>().ToList();
        Assert.True(caches.Count > 0, "LiteDB's BsonExpression has no static _cache* collection any more: this test must be adapted to its new version");
        return caches.Sum(c => c.Count);
    }
}
