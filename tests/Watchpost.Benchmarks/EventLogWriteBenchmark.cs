using BenchmarkDotNet.Attributes;
using LiteDB;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Mqtt;

namespace Watchpost.Benchmarks;

/// <summary>
/// What one event costs the event log: the event and its alert in one transaction, with or without a 100 KB
/// snapshot, through <see cref="LiteDbEventStore"/> (flock on watchpost.db.lock, the file opened in direct mode for
/// the operation). Baseline, in the same run: the same two documents (and file) written with LiteDB's own shared
/// mode, which the store used before (its named mutex lives in /tmp, so it does not work under PrivateTmp).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class EventLogWriteBenchmark
{
    private readonly AlertMessageFactory _alerts = new("watchpost", "bench-box", "http://127.0.0.1:8080");
    private string _folder = "";
    private LiteDbEventStore _store = null!;
    private byte[]? _jpeg;
    private int _n;

    [Params(false, true)]
    public bool WithSnapshot { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("watchpost-bench-").FullName;
        _store = new LiteDbEventStore(Path.Combine(_folder, "store", LiteDbEventStore.DatabaseFileName));
        _jpeg = WithSnapshot ? new byte[100 * 1024] : null;
        Random.Shared.NextBytes(_jpeg ?? []);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "LiteDB shared mode")]
    public void SharedMode()
    {
        var e = NextEvent();
        using var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(_folder, "shared.db"), Connection = ConnectionType.Shared });
        db.BeginTrans();
        if (_jpeg is not null)
        {
            using var jpeg = new MemoryStream(_jpeg, writable: false);
            db.FileStorage.Upload(e.SnapshotId!, e.Id + ".jpg", jpeg);
        }

        db.GetCollection("events").Insert(new BsonDocument { ["_id"] = e.Id, ["camera"] = e.CameraId, ["startedAt"] = e.StartedAt });
        db.GetCollection("outbox", BsonAutoId.Int64).Insert(new BsonDocument { ["payload"] = _alerts.Create(e).Payload });
        db.Commit();
    }

    [Benchmark(Description = "LiteDbEventStore (flock + direct)")]
    public Task Store()
    {
        var e = NextEvent();
        return _store.AddBatchAsync([new EventWrite(e, _jpeg, _alerts.Create(e))]);
    }

    private SecurityEvent NextEvent()
    {
        var id = Guid.CreateVersion7().ToString("N");
        var now = DateTime.UtcNow;
        return new SecurityEvent(id, now, now, TimeSpan.FromSeconds(_n++), "gate-1", "lobby", "night-intrusion", "intrusion", "high",
            "person", 7, 0.8f, new BoundingBox(10, 20, 30, 60), _jpeg is null ? null : $"snapshots/{id}.jpg", EventState.New,
            new Dictionary<string, object> { ["duration_s"] = 2.5 });
    }
}
