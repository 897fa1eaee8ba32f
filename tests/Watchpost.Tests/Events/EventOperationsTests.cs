using System.Text;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

/// <summary>Acknowledge, note, assign, resolve: stored with audit entry and outbox message in one transaction, then published.</summary>
public sealed class EventOperationsTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 30, 22, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0.AddMinutes(5)));
    private readonly OperationsTestComposer _composer = new();
    private readonly EventFeed _feed = new();
    private readonly LiteDbEventStore _store;
    private readonly EventOperations _operations;

    public EventOperationsTests()
    {
        _store = new LiteDbEventStore(_folder.File("watchpost.db"));
        _operations = new EventOperations(_store, _composer, _feed, _time);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_workflow_is_stored_audited_announced_and_published()
    {
        await _store.AddAsync(EventTestData.Event("ev-1", T0), null, null);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changes = new List<EventChange>();
        var subscribed = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            await using var feed = _feed.SubscribeAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
            var first = feed.MoveNextAsync();
            subscribed.SetResult();
            if (await first)
            {
                changes.Add(feed.Current);
                while (changes.Count < 4 && await feed.MoveNextAsync())
                {
                    changes.Add(feed.Current);
                }
            }
        });
        await subscribed.Task;
        await Poll.UntilAsync(() => _feed.Subscribers == 1, TimeSpan.FromSeconds(5));

        var acked = await _operations.ApplyAsync(new EventAction(EventChangeKind.Acknowledged, "ev-1", "anna", ChangeSource.Console, "on my way"));
        Assert.Equal(EventState.Acknowledged, acked.State);
        Assert.Equal("anna", acked.AcknowledgedBy);
        Assert.Equal(T0.AddMinutes(5), acked.AcknowledgedAt);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _operations.ApplyAsync(new EventAction(EventChangeKind.Assigned, "ev-1", "anna", ChangeSource.Console, "bob"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await _operations.ApplyAsync(new EventAction(EventChangeKind.Noted, "ev-1", "bob", ChangeSource.Mqtt, "a fox"));
        _time.Advance(TimeSpan.FromMinutes(1));
        var resolved = await _operations.ApplyAsync(new EventAction(EventChangeKind.Resolved, "ev-1", "bob", ChangeSource.Cli));

        var stored = await _store.GetAsync("ev-1");
        Assert.NotNull(stored);
        Assert.Equal(resolved with { Details = stored.Details, Notes = stored.Notes }, stored);
        Assert.Equal(resolved.Notes, stored.Notes);
        Assert.Equal(EventState.Resolved, stored.State);
        Assert.Equal(("bob", T0.AddMinutes(6)), (stored.AssignedTo, stored.AssignedAt));
        Assert.Equal(("bob", T0.AddMinutes(8)), (stored.ResolvedBy, stored.ResolvedAt));
        Assert.Equal([new EventNote(T0.AddMinutes(5), "anna", "on my way"), new EventNote(T0.AddMinutes(7), "bob", "a fox")], stored.Notes);

        var audit = await _store.ListAsync(10, "ev-1");
        Assert.Equal(["resolve", "note", "assign", "ack"], audit.Select(a => a.Action));
        Assert.Equal([ChangeSource.Cli, ChangeSource.Mqtt, ChangeSource.Console, ChangeSource.Console], audit.Select(a => a.Source));
        Assert.Equal("bob", audit[2].Detail);
        Assert.Equal(T0.AddMinutes(8), audit[0].At);

        var outbox = await _store.ListPendingAsync(10);
        Assert.Equal(["Acknowledged", "Assigned", "Noted", "Resolved"], outbox.Select(m => Encoding.UTF8.GetString(m.Payload).Split('"')[3]));

        await reader.WaitAsync(cancel.Token);
        Assert.Equal([EventChangeKind.Acknowledged, EventChangeKind.Assigned, EventChangeKind.Noted, EventChangeKind.Resolved], changes.Select(c => c.Kind));
        Assert.Equal("a fox", changes[2].Note);
        Assert.Equal(ChangeSource.Mqtt, changes[2].Source);
        Assert.Equal(EventState.Resolved, changes[3].Event.State);
    }

    [Fact]
    public async Task Invalid_actions_are_refused_with_the_reason_and_change_nothing()
    {
        await _store.AddAsync(EventTestData.Event("ev-1", T0), null, null);

        async Task<string> Refused(EventAction a) => (await Assert.ThrowsAsync<ArgumentException>(() => _operations.ApplyAsync(a))).Message;

        Assert.Contains("operator is required", await Refused(new(EventChangeKind.Acknowledged, "ev-1", " ", ChangeSource.Mqtt)), StringComparison.Ordinal);
        Assert.Contains("note is required", await Refused(new(EventChangeKind.Noted, "ev-1", "anna", ChangeSource.Mqtt)), StringComparison.Ordinal);
        Assert.Contains("guard to assign to", await Refused(new(EventChangeKind.Assigned, "ev-1", "anna", ChangeSource.Mqtt, "")), StringComparison.Ordinal);
        Assert.Contains("at most 2000", await Refused(new(EventChangeKind.Noted, "ev-1", "anna", ChangeSource.Mqtt, new string('x', 2001))), StringComparison.Ordinal);
        Assert.Contains("at most 64", await Refused(new(EventChangeKind.Acknowledged, "ev-1", new string('o', 65), ChangeSource.Mqtt)), StringComparison.Ordinal);
        Assert.Contains("control characters", await Refused(new(EventChangeKind.Acknowledged, "ev-1", "an\u001b[2Jna", ChangeSource.Mqtt)), StringComparison.Ordinal);
        Assert.Contains("not an operator's action", await Refused(new(EventChangeKind.Started, "ev-1", "anna", ChangeSource.Mqtt)), StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<EventNotFoundException>(() => _operations.ApplyAsync(new(EventChangeKind.Acknowledged, "nope", "anna", ChangeSource.Mqtt)));
        Assert.Equal("nope", missing.EventId);

        await _operations.ApplyAsync(new(EventChangeKind.Resolved, "ev-1", "bob", ChangeSource.Console));
        var ack = await Refused(new(EventChangeKind.Acknowledged, "ev-1", "anna", ChangeSource.Mqtt));
        Assert.Contains("cannot acknowledge event 'ev-1': it is Resolved (by bob", ack, StringComparison.Ordinal);
        Assert.Contains("it is Resolved", await Refused(new(EventChangeKind.Resolved, "ev-1", "anna", ChangeSource.Mqtt)), StringComparison.Ordinal);
        Assert.Contains("it is Resolved", await Refused(new(EventChangeKind.Assigned, "ev-1", "anna", ChangeSource.Mqtt, "bob")), StringComparison.Ordinal);

        // Only the resolution went through: one audit entry, one message.
        Assert.Single(await _store.ListAsync(10));
        Assert.Single(await _store.ListPendingAsync(10));
        Assert.Null((await _store.GetAsync("ev-1"))!.AcknowledgedBy);
    }

    [Fact]
    public async Task When_the_messages_cannot_be_made_nothing_of_the_change_is_stored()
    {
        await _store.AddAsync(EventTestData.Event("ev-1", T0), null, null);
        _composer.Fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _operations.ApplyAsync(new(EventChangeKind.Acknowledged, "ev-1", "anna", ChangeSource.Console)));
        Assert.Equal(EventState.New, (await _store.GetAsync("ev-1"))!.State);
        Assert.Empty(await _store.ListAsync(10));
        Assert.Empty(await _store.ListPendingAsync(10));
    }
}
