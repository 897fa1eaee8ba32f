using Watchpost.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

/// <summary>The console's and CLI's queries over the indexes: time range, camera, rule, severity, state, paging.</summary>
public sealed class EventQueryTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Each_filter_narrows_the_newest_first_list_and_count_ignores_paging()
    {
        using var store = new LiteDbEventStore(_folder.File("watchpost.db"));
        // 12 events an hour apart: cameras alternate, every third one is another rule, the fourth ones are low.
        for (var i = 0; i < 12; i++)
        {
            var e = EventTestData.Event($"e{i:00}", T0.AddHours(i), camera: i % 2 == 0 ? "gate-1" : "gate-2") with
            {
                RuleId = i % 3 == 0 ? "loiter-gate" : "night-intrusion",
                Severity = i % 4 == 0 ? "low" : "high",
                State = i == 5 ? EventState.Resolved : EventState.New,
            };
            await store.AddAsync(e, null, null);
        }

        async Task<string[]> Ids(EventQuery q) => [.. (await store.QueryAsync(q)).Select(e => e.Id)];

        Assert.Equal(["e11", "e10", "e09"], await Ids(new EventQuery(Limit: 3)));
        Assert.Equal(["e08", "e07"], await Ids(new EventQuery(Limit: 2, Skip: 3)));
        Assert.Equal(["e04", "e03", "e02"], await Ids(new EventQuery(Since: T0.AddHours(2), Until: T0.AddHours(5))));
        Assert.Equal(["e10", "e08", "e06", "e04", "e02", "e00"], await Ids(new EventQuery(CameraId: "gate-1")));
        Assert.Equal(["e09", "e06", "e03", "e00"], await Ids(new EventQuery(RuleId: "loiter-gate")));
        Assert.Equal(["e08", "e04", "e00"], await Ids(new EventQuery(Severity: "low")));
        Assert.Equal(["e05"], await Ids(new EventQuery(State: EventState.Resolved)));
        Assert.Equal(["e06", "e00"], await Ids(new EventQuery(CameraId: "gate-1", RuleId: "loiter-gate")));
        Assert.Empty(await Ids(new EventQuery(CameraId: "nowhere")));
        Assert.Equal(["e11", "e10", "e09", "e08", "e07", "e06", "e04"], await Ids(new EventQuery(Open: true, Limit: 7)));
        Assert.Equal(11, await store.CountAsync(new EventQuery(Open: true)));
        Assert.True(new EventQuery(Open: true).Matches(EventTestData.Event("x", T0)));
        Assert.False(new EventQuery(Open: true).Matches(EventTestData.Event("x", T0) with { State = EventState.Resolved }));

        Assert.Equal(12, await store.CountAsync(new EventQuery(Limit: 1)));
        Assert.Equal(11, await store.CountAsync(new EventQuery(State: EventState.New)));
        Assert.Equal(3, await store.CountAsync(new EventQuery(Since: T0.AddHours(9))));
    }

    [Fact]
    public async Task A_query_that_cannot_be_run_names_what_is_wrong()
    {
        using var store = new LiteDbEventStore(_folder.File("watchpost.db"));
        var limit = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new EventQuery(Limit: 0)));
        Assert.Contains("limit", limit.Message, StringComparison.Ordinal);
        var range = await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new EventQuery(Since: T0, Until: T0.AddHours(-1))));
        Assert.Contains("before since", range.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workflow_fields_and_notes_survive_a_reopen()
    {
        var path = _folder.File("watchpost.db");
        var e = EventTestData.Event("wf", T0) with
        {
            State = EventState.Resolved,
            AcknowledgedAt = T0.AddMinutes(1),
            AcknowledgedBy = "anna",
            AssignedTo = "bob",
            AssignedAt = T0.AddMinutes(2),
            ResolvedAt = T0.AddMinutes(3),
            ResolvedBy = "bob",
            Notes = [new EventNote(T0.AddMinutes(2.5), "bob", "cat on the fence")],
        };
        using (var store = new LiteDbEventStore(path))
        {
            await store.AddAsync(e, null, null);
        }

        using var reopened = new LiteDbEventStore(path);
        var read = await reopened.GetAsync("wf");
        Assert.NotNull(read);
        Assert.Equal(e.Notes, read.Notes);
        Assert.Equal(e with { Details = read.Details, Notes = read.Notes }, read);
        Assert.Equal(DateTimeKind.Utc, read.Notes[0].At.Kind);
    }
}
