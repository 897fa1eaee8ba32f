using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>The track's path stored with its event, as the console draws it on the snapshot.</summary>
public sealed class EventPathTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_recorded_event_read_back_has_its_path_and_an_update_extends_it()
    {
        float[][] start = [[300, 280], [330, 285], [361.5f, 291]];
        float[][] later = [.. start, [390, 296], [420.25f, 300]];
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        await using var recorder = EventTestData.Recorder(store, _log);
        await recorder.StartAsync(CancellationToken.None);

        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false) with { EventId = "ev-path", Path = start }));
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));
        var stored = await store.GetAsync("ev-path");
        Assert.NotNull(stored);
        Assert.Equal(start, stored.Path);

        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false) with { EventId = "ev-path", Phase = EventPhase.Updated, Path = later }));
        Assert.True(await Poll.UntilAsync(async () => (await store.GetAsync("ev-path"))?.Path.Count == later.Length, Timeout));
        Assert.Equal(later, (await store.GetAsync("ev-path"))!.Path);

        // An end without a path (the track is gone) keeps the stored one.
        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false) with { EventId = "ev-path", Phase = EventPhase.Ended }));
        Assert.True(await Poll.UntilAsync(async () => (await store.GetAsync("ev-path"))?.EndedAt is not null, Timeout));
        Assert.Equal(later, (await store.GetAsync("ev-path"))!.Path);

        // A group event has none, and reads back with the shared empty path.
        Assert.True(recorder.TryRecord(EventTestData.Candidate(trackId: 3, withFrame: false) with { EventId = "ev-group", TrackId = null }));
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 2, Timeout));
        Assert.Empty((await store.GetAsync("ev-group"))!.Path);
        _log.AssertNoErrors();
    }
}
