using System.Diagnostics;
using LiteDB;
using Watchpost.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

public sealed class WriteCostProbe
{
    [Fact]
    public void Probe()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "watchpost.db");
        using (var store = new LiteDbEventStore(path)) { }
        var lines = new List<string>();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++) { using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }); }
        lines.Add($"open+close direct {sw.Elapsed.TotalMilliseconds / 50:F2}");
        sw.Restart();
        for (var i = 0; i < 50; i++) { using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }); db.GetCollection("x").Insert(new BsonDocument { ["a"] = i }); }
        lines.Add($"open+insert+close direct {sw.Elapsed.TotalMilliseconds / 50:F2}");
        sw.Restart();
        using (var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Shared }))
        {
            for (var i = 0; i < 50; i++) { db.GetCollection("x").Insert(new BsonDocument { ["a"] = i }); }
        }
        lines.Add($"insert shared {sw.Elapsed.TotalMilliseconds / 50:F2}");
        sw.Restart();
        using (var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }))
        {
            for (var i = 0; i < 50; i++) { db.GetCollection("x").Insert(new BsonDocument { ["a"] = i }); }
        }
        lines.Add($"insert direct kept open {sw.Elapsed.TotalMilliseconds / 50:F2}");
        using var l = new DatabaseFileLock(path + ".lock");
        sw.Restart();
        for (var i = 0; i < 50; i++) { using var h = l.Acquire(TimeSpan.FromSeconds(1)); }
        lines.Add($"flock {sw.Elapsed.TotalMilliseconds / 50:F3}");
        File.AppendAllLines("/tmp/store-measure/probe.txt", lines);
    }
}
