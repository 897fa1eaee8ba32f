using LiteDB;

namespace Watchpost.Events;

/// <summary>The operators' workflow and the audit trail, in the same file and transactions as the events.</summary>
public sealed partial class LiteDbEventStore
{
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Use(db => db.GetCollection(AuditCollection, BsonAutoId.Int64).Insert(EventDocuments.ToDocument(entry)), cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Newest first (in the order they were recorded); <paramref name="target"/> filters on the target, e.g. an event id.</summary>
    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? target = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Task.FromResult<IReadOnlyList<AuditEntry>>(Use(db =>
        {
            var query = db.GetCollection(AuditCollection, BsonAutoId.Int64).Query();
            if (target is not null)
            {
                query = query.Where(LiteDbQuery.Eq("target", target));
            }

            return query.OrderByDescending("_id").Limit(limit).ToList().Select(EventDocuments.ToAuditEntry).ToList();
        }, cancellationToken));
    }

    /// <summary>
    /// Reads the event, lets <paramref name="change"/> compute the change (it throws to refuse it), and stores the
    /// changed event, its audit entry and the messages <paramref name="compose"/> makes of it in ONE transaction.
    /// </summary>
    /// <exception cref="EventNotFoundException">No such event; nothing was written.</exception>
    internal EventChange ApplyChange(string eventId, Func<SecurityEvent, (EventChange Change, AuditEntry Audit)> change,
        Func<EventChange, IReadOnlyList<OutboxMessage>> compose, CancellationToken cancellationToken) => InTransaction(db =>
    {
        var events = db.GetCollection(EventsCollection);
        var doc = events.FindById(eventId) ?? throw new EventNotFoundException(eventId);
        var (made, audit) = change(EventDocuments.ToEvent(doc));
        var messages = compose(made);
        EventDocuments.ApplyWorkflow(doc, made.Event);
        events.Update(doc);
        db.GetCollection(AuditCollection, BsonAutoId.Int64).Insert(EventDocuments.ToDocument(audit));
        var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
        foreach (var message in messages)
        {
            outbox.Insert(EventDocuments.ToDocument(message));
        }

        return made;
    }, cancellationToken);
}
