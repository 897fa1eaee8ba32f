using LiteDB;
using Watchpost.Configuration;

namespace Watchpost.Events;

/// <summary>
/// The event log and outbox in one LiteDB file (<c>&lt;storage.path&gt;/watchpost.db</c>): collection "events"
/// (indexed on start time and camera), snapshots in LiteDB file storage (ids "snapshots/&lt;event id&gt;.jpg"),
/// and collection "outbox" of messages the broker has not acknowledged yet, in insertion order.
/// </summary>
/// <remarks>
/// The file is opened in LiteDB's <b>shared</b> connection mode by default: the installer's CLI
/// (<c>watchpost events list</c> ...) must be able to read and write the same file while the service runs, and
/// direct mode holds the file exclusively. Shared mode reopens the file under a system-wide mutex for each call,
/// which costs a few milliseconds per write (measured about 8 ms for an event with a 100 KB snapshot against
/// about 3 ms in direct mode); every call runs off the frame loop, and a burst is written with
/// <see cref="AddBatchAsync"/> in one transaction, so that cost is paid once per burst.
/// All calls are synchronous LiteDB work serialised by a lock; the Task-returning API lets callers stay async.
/// Times are stored as UTC and read back as UTC (the UTC_DATE pragma is set and every value is normalised).
/// </remarks>
public sealed class LiteDbEventStore : IEventStore, IAlertOutbox, IDisposable
{
    public const string DatabaseFileName = "watchpost.db";

    private const string EventsCollection = "events";
    private const string OutboxCollection = "outbox";

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly ILiteCollection<BsonDocument> _outbox;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) <c>watchpost.db</c> in the storage folder.</summary>
    public LiteDbEventStore(StorageOptions storage, ConnectionType connection = ConnectionType.Shared)
        : this(Path.Combine(storage.Path, DatabaseFileName), connection)
    {
    }

    /// <summary>Opens (or creates) the database file at <paramref name="databasePath"/>; its folder is created when missing.</summary>
    public LiteDbEventStore(string databasePath, ConnectionType connection = ConnectionType.Shared)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            _db = new LiteDatabase(new ConnectionString { Filename = DatabasePath, Connection = connection });
            _db.UtcDate = true;
            _events = _db.GetCollection(EventsCollection, BsonAutoId.ObjectId);
            _events.EnsureIndex("startedAt");
            _events.EnsureIndex("camera");
            _outbox = _db.GetCollection(OutboxCollection, BsonAutoId.Int64);
        }
        catch (Exception ex)   // LiteDB reports a damaged file with all sorts of exceptions
        {
            _db?.Dispose();
            throw new InvalidOperationException(
                $"Cannot open the event database '{DatabasePath}' (expected a writable folder and a LiteDB 5 file): {ex.Message}", ex);
        }
    }

    public string DatabasePath { get; }

    /// <summary>"ok", or "recovered" when a damaged file was moved aside at open and a fresh one started (see <see cref="DatabaseMessage"/>).</summary>
    public string DatabaseState { get; private set; } = "ok";

    /// <summary>What happened to the database at open, in words; null when it opened as it was.</summary>
    public string? DatabaseMessage { get; private set; }

    public Task<OutboxMessage?> AddAsync(SecurityEvent securityEvent, byte[]? snapshotJpeg, OutboxMessage? alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        return Task.FromResult(Store([new EventWrite(securityEvent, snapshotJpeg, alert)], cancellationToken)[0]);
    }

    /// <summary>
    /// Stores the events, snapshots and alerts in ONE transaction (all or none): in shared mode each call reopens
    /// the file, so a burst written together costs little more than a single event.
    /// </summary>
    public Task<IReadOnlyList<OutboxMessage?>> AddBatchAsync(IReadOnlyList<EventWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return Task.FromResult<IReadOnlyList<OutboxMessage?>>(Store(writes, cancellationToken));
    }

    public Task<bool> UpdateAsync(EventLifecycleUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doc = _events.FindById(update.EventId);
            if (doc is null)
            {
                return Task.FromResult(false);
            }

            _db.BeginTrans();
            try
            {
                EventDocuments.Apply(doc, update);
                if (update.SnapshotJpeg is not null)
                {
                    var snapshotId = $"snapshots/{update.EventId}.jpg";
                    using var jpeg = new MemoryStream(update.SnapshotJpeg, writable: false);
                    _db.FileStorage.Upload(snapshotId, update.EventId + ".jpg", jpeg);
                    doc["snapshot"] = snapshotId;
                }

                _events.Update(doc);
                foreach (var message in update.Messages)
                {
                    _outbox.Insert(EventDocuments.ToDocument(message));
                }

                _db.Commit();
                return Task.FromResult(true);
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    public Task<double?> SnapshotQualityAsync(string eventId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doc = _events.FindById(eventId);
            return Task.FromResult<double?>(doc is null || doc["snapshot"].IsNull ? null
                : doc.TryGetValue("snapshotQuality", out var quality) && quality.IsNumber ? quality.AsDouble : 0);
        }
    }

    public Task<SecurityEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doc = _events.FindById(eventId);
            return Task.FromResult(doc is null ? null : EventDocuments.ToEvent(doc));
        }
    }

    public Task<IReadOnlyList<SecurityEvent>> ListRecentAsync(int limit, string? cameraId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var query = _events.Query();
            if (cameraId is not null)
            {
                query = query.Where(Query.EQ("camera", cameraId));
            }

            IReadOnlyList<SecurityEvent> events = query.OrderByDescending("startedAt").Limit(limit).ToList()
                .Select(EventDocuments.ToEvent).ToList();
            return Task.FromResult(events);
        }
    }

    public Task<Stream?> OpenSnapshotAsync(string eventId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doc = _events.FindById(eventId);
            if (doc is null || doc["snapshot"].IsNull || _db.FileStorage.FindById(doc["snapshot"].AsString) is not { } file)
            {
                return Task.FromResult<Stream?>(null);
            }

            var copy = new MemoryStream((int)file.Length);
            file.CopyTo(copy);
            copy.Position = 0;
            return Task.FromResult<Stream?>(copy);
        }
    }

    public Task<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var id = _outbox.Insert(EventDocuments.ToDocument(message));
            return Task.FromResult(message with { Sequence = id.AsInt64 });
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            IReadOnlyList<OutboxMessage> pending = _outbox.Query()
                .Where(Query.And(Query.EQ("setAside", BsonValue.Null), Query.Or(Query.EQ("retryAfter", BsonValue.Null), Query.LTE("retryAfter", now))))
                .OrderBy("_id").Limit(limit).ToList()
                .Select(EventDocuments.ToOutboxMessage).ToList();
            return Task.FromResult(pending);
        }
    }

    public Task RecordAttemptAsync(long sequence, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doc = _outbox.FindById(sequence);
            if (doc is not null)
            {
                doc["attempts"] = doc["attempts"].AsInt32 + 1;
                _outbox.Update(doc);
            }
        }

        return Task.CompletedTask;
    }

    public Task SetAsideAsync(long sequence, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_outbox.FindById(sequence) is { } doc)
            {
                doc["setAside"] = reason;
                doc["setAsideAt"] = DateTime.UtcNow;
                _outbox.Update(doc);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeferAsync(long sequence, DateTime retryAfter, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_outbox.FindById(sequence) is { } doc)
            {
                doc["retryAfter"] = retryAfter.ToUniversalTime();
                _outbox.Update(doc);
            }
        }

        return Task.CompletedTask;
    }

    public Task<(int Pending, int SetAside)> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var setAside = _outbox.Count(Query.Not("setAside", BsonValue.Null));
            return Task.FromResult((_outbox.Count() - setAside, setAside));
        }
    }

    public Task MarkDeliveredAsync(long sequence, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _outbox.Delete(sequence);
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes messages the broker has acknowledged, in one write.</summary>
    public Task MarkDeliveredAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        cancellationToken.ThrowIfCancellationRequested();
        if (sequences.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _outbox.DeleteMany(Query.In("_id", sequences.Select(s => new BsonValue(s))));
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _db.Dispose();

    /// <summary>The writes in one transaction, in order.</summary>
    private List<OutboxMessage?> Store(IReadOnlyList<EventWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write.Event);
            if (write.SnapshotJpeg is not null && write.Event.SnapshotId is null)
            {
                throw new ArgumentException($"Event {write.Event.Id} has a snapshot but no SnapshotId to store it under.", nameof(writes));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _db.BeginTrans();
            try
            {
                var enqueued = new List<OutboxMessage?>(writes.Count);
                foreach (var write in writes)
                {
                    enqueued.Add(Insert(write));
                }

                _db.Commit();
                return enqueued;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    /// <summary>One event with its snapshot and messages, inside the caller's transaction; returns the first message as enqueued.</summary>
    private OutboxMessage? Insert(EventWrite write)
    {
        if (write.SnapshotJpeg is not null)
        {
            using var jpeg = new MemoryStream(write.SnapshotJpeg, writable: false);
            _db.FileStorage.Upload(write.Event.SnapshotId!, write.Event.Id + ".jpg", jpeg);
        }

        var document = EventDocuments.ToDocument(write.Event);
        document["snapshotQuality"] = write.SnapshotQuality;
        _events.Insert(document);
        OutboxMessage? first = null;
        foreach (var message in write.Messages)
        {
            var id = _outbox.Insert(EventDocuments.ToDocument(message));
            first ??= message with { Sequence = id.AsInt64 };
        }

        return first;
    }
}
