using Microsoft.Extensions.Logging;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>A database file that does not open is moved aside with a timestamp and a fresh one is started.</summary>
public sealed class DamagedDatabaseTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 19, 45, 7, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_file_of_junk_is_moved_aside_and_a_fresh_database_takes_events()
    {
        var path = _folder.File("watchpost.db");
        var junk = new byte[5 * 8192];
        new Random(7).NextBytes(junk);
        await File.WriteAllBytesAsync(path, junk);

        using var store = Open(path);

        AssertRecovered(store, path);
        var moved = await File.ReadAllBytesAsync(path + ".damaged-20261201T194507Z");
        Assert.Equal(junk.Length, moved.Length);
        Assert.Equal(junk, moved);
        await store.AddAsync(EventTestData.Event("after", Now.UtcDateTime), null, null);
        Assert.Equal("after", Assert.Single(await store.ListRecentAsync(10)).Id);
    }

    [Fact]
    public async Task A_database_cut_off_half_way_is_moved_aside_with_its_log_and_a_fresh_one_started()
    {
        var path = _folder.File("watchpost.db");
        var jpeg = new byte[30_000];
        new Random(3).NextBytes(jpeg);
        using (var store = new LiteDbEventStore(path))
        {
            for (var i = 0; i < 40; i++)
            {
                var e = EventTestData.Event($"ev-{i}", Now.UtcDateTime.AddMinutes(-i), snapshotId: $"snapshots/ev-{i}.jpg");
                await store.AddAsync(e, jpeg, EventTestData.Alerts().Create(e));
            }
        }

        var whole = new FileInfo(path).Length;
        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(whole / 2);
        }

        await File.WriteAllBytesAsync(_folder.File("watchpost-log.db"), new byte[8192]);   // a log left by the cut-off writer

        using var reopened = Open(path);

        AssertRecovered(reopened, path);
        Assert.Equal(whole / 2, new FileInfo(path + ".damaged-20261201T194507Z").Length);
        Assert.True(File.Exists(_folder.File("watchpost-log.db.damaged-20261201T194507Z")));
        Assert.Contains("watchpost-log.db.damaged-20261201T194507Z", reopened.DatabaseMessage, StringComparison.Ordinal);
        Assert.Empty(await reopened.ListRecentAsync(10));
        Assert.Empty(await reopened.ListPendingAsync(10));
    }

    [Fact]
    public async Task A_whole_database_opens_as_it_was()
    {
        var path = _folder.File("watchpost.db");
        using (var store = new LiteDbEventStore(path))
        {
            await store.AddAsync(EventTestData.Event("kept", Now.UtcDateTime), null, null);
        }

        using var reopened = Open(path);
        Assert.Equal("ok", reopened.DatabaseState);
        Assert.Null(reopened.DatabaseMessage);
        Assert.NotNull(await reopened.GetAsync("kept"));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.damaged-*"));
        _log.AssertNoErrors();
    }

    private LiteDbEventStore Open(string path) =>
        new(path, _log.AsProvider().CreateLogger("store"), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));

    private void AssertRecovered(LiteDbEventStore store, string path)
    {
        Assert.Equal("recovered", store.DatabaseState);
        Assert.NotNull(store.DatabaseMessage);
        Assert.Contains(path + ".damaged-20261201T194507Z", store.DatabaseMessage, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }
}
