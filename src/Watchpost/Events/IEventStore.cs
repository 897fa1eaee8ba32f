namespace Watchpost.Events;

/// <summary>The event log: events and their snapshots. Implementations are thread-safe.</summary>
public interface IEventStore
{
    /// <summary>
    /// Stores an event, its snapshot and the alert announcing it in one transaction, so that an event is never
    /// stored without its alert (or the other way round).
    /// </summary>
    /// <param name="snapshotJpeg">The JPEG, stored under <see cref="SecurityEvent.SnapshotId"/> (which must then be set); null = none.</param>
    /// <param name="alert">The alert to put into the outbox, or null.</param>
    /// <returns>The alert as enqueued (with its sequence), or null when none was given.</returns>
    Task<OutboxMessage?> AddAsync(SecurityEvent securityEvent, byte[]? snapshotJpeg, OutboxMessage? alert, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores several events, each with its snapshot and alert, alerts enqueued in the order given. A store that can
    /// (LiteDB) writes them all in one transaction: all or none. This default stores them one by one with
    /// <see cref="AddAsync"/>, which still keeps each event with its alert.
    /// </summary>
    /// <returns>The alerts as enqueued (with their sequence), one per write, null where a write had none.</returns>
    async Task<IReadOnlyList<OutboxMessage?>> AddBatchAsync(IReadOnlyList<EventWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var enqueued = new List<OutboxMessage?>(writes.Count);
        foreach (var write in writes)
        {
            enqueued.Add(await AddAsync(write.Event, write.SnapshotJpeg, write.Messages.Count > 0 ? write.Messages[0] : null, cancellationToken));
        }

        return enqueued;
    }

    /// <summary>Applies a change to a stored event (figures, a better snapshot, its end); false when no such event is stored.</summary>
    Task<bool> UpdateAsync(EventLifecycleUpdate update, CancellationToken cancellationToken = default);

    /// <summary>The quality of the event's stored snapshot (see <see cref="EventCandidate.SnapshotQuality"/>); null when it has none.</summary>
    Task<double?> SnapshotQualityAsync(string eventId, CancellationToken cancellationToken = default);

    Task<SecurityEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>The newest events first (by start time), optionally of one camera only.</summary>
    Task<IReadOnlyList<SecurityEvent>> ListRecentAsync(int limit, string? cameraId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events that match <paramref name="query"/>, newest first. This default filters
    /// <see cref="ListRecentAsync"/> in memory; the LiteDB store runs it on its indexes.
    /// </summary>
    /// <exception cref="ArgumentException">The query is not valid (see <see cref="EventQuery.Validate"/>).</exception>
    async Task<IReadOnlyList<SecurityEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var all = await ListRecentAsync(int.MaxValue, query.CameraId, cancellationToken);
        return all.Where(query.Matches).Skip(query.Skip).Take(query.Limit).ToList();
    }

    /// <summary>How many events match <paramref name="query"/> (its limit and skip aside).</summary>
    async Task<int> CountAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await ListRecentAsync(int.MaxValue, query.CameraId, cancellationToken);
        return all.Count(query.Matches);
    }

    /// <summary>The event's JPEG snapshot as a readable stream (a copy in memory), or null when there is none.</summary>
    Task<Stream?> OpenSnapshotAsync(string eventId, CancellationToken cancellationToken = default);
}
