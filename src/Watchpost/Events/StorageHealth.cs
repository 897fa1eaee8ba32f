namespace Watchpost.Events;

/// <summary>
/// The event log's health as <see cref="IStorageStatus"/>: free space measured now, the recorder's dropped
/// snapshots and held events, the outbox backlog (the sender's view, held messages included) and the database's
/// own state. Reading <see cref="Current"/> never blocks on the database: the backlog is counted at most once a
/// second in the background and the last count is reported.
/// </summary>
public sealed class StorageHealth(LiteDbEventStore store, StorageSpace space, EventRecorder recorder, IAlertOutbox outbox) : IStorageStatus
{
    private static readonly long RefreshMs = 1000;
    private int _backlog;
    private long _countedAt = long.MinValue;
    private Task? _counting;

    public StorageStatus Current
    {
        get
        {
            space.Check();
            RefreshBacklog();
            var held = recorder.Held.Count;
            return new StorageStatus(
                Database: held > 0 ? "unavailable" : store.DatabaseState,
                DatabaseMessage: held > 0
                    ? $"the database cannot take writes; {held} events and steps are held in memory and their alerts still sent"
                    : store.DatabaseMessage,
                DiskFull: space.IsFull,
                FreeBytes: space.FreeBytes,
                SnapshotsDropped: recorder.SnapshotsDropped,
                OutboxBacklog: Volatile.Read(ref _backlog),
                HeldInMemory: held);
        }
    }

    private void RefreshBacklog()
    {
        var now = Environment.TickCount64;
        if (_counting is { IsCompleted: false } || now - Interlocked.Read(ref _countedAt) < RefreshMs)
        {
            return;
        }

        Interlocked.Exchange(ref _countedAt, now);
        _counting = CountAsync();
    }

    private async Task CountAsync()
    {
        try
        {
            var (pending, _) = await outbox.CountAsync();
            Volatile.Write(ref _backlog, pending);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the last count: the database's trouble is reported by Database.
        }
    }
}
