using System.Diagnostics;
using LiteDB;
using Watchpost.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Configuration;

namespace Watchpost.Events;

/// <summary>
/// The event log, outbox and audit trail in one LiteDB file (<c>&lt;storage.path&gt;/watchpost.db</c>): collection
/// "events" (indexed on start time, camera, rule, severity and state), snapshots in LiteDB file storage (ids
/// "snapshots/&lt;event id&gt;.jpg"), collection "outbox" of messages the broker has not acknowledged yet, in
/// insertion order, and collection "audit" (indexed on time and target).
/// </summary>
/// <remarks>
/// The service and the installer's CLI (<c>watchpost events list</c> ...) use the same file at the same time. Each
/// operation takes an flock on <c>watchpost.db.lock</c> next to the database (<see cref="DatabaseFileLock"/>; LiteDB's
/// shared mode locks under /tmp, which systemd's PrivateTmp hides from other processes), opens the file in LiteDB's
/// direct mode, does its work in one transaction and closes the file before letting go of the lock, so no process
/// ever reads pages another has cached. That costs a few milliseconds per call (about what shared mode cost:
/// docs/event-log.md has the figures); every call runs off the frame loop, and a burst is written with
/// <see cref="AddBatchAsync"/> in one transaction, so the cost is paid once per burst.
/// All calls are synchronous LiteDB work serialised by a lock; the Task-returning API lets callers stay async.
/// Times are stored as UTC and read back as UTC (the UTC_DATE pragma is set and every value is normalised).
/// A file that does not open is moved aside and a fresh one started (<see cref="DatabaseState"/>).
/// </remarks>
public sealed partial class LiteDbEventStore : IEventStore, IAlertOutbox, IAuditLog, IDisposable
{
    public const string DatabaseFileName = "watchpost.db";

    /// <summary>The lock file next to the database, as <c>&lt;database file&gt;.lock</c>.</summary>
    public const string LockFileSuffix = ".lock";

    private const string EventsCollection = "events";
    private const string OutboxCollection = "outbox";
    private const string AuditCollection = "audit";

    private readonly DatabaseFileLock _fileLock;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lockTimeout;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) <c>watchpost.db</c> in the storage folder.</summary>
    public LiteDbEventStore(StorageOptions storage, ILogger? logger = null, TimeProvider? time = null)
        : this(Path.Combine(storage?.Path ?? throw new ArgumentNullException(nameof(storage)), DatabaseFileName), logger, time)
    {
    }

    /// <summary>Opens (or creates) the database file at <paramref name="databasePath"/>; its folder is created when missing.</summary>
    /// <param name="logger">Where a recovery from a damaged file is reported (as an error).</param>
    /// <param name="lockTimeout">How long an operation waits for another process's operation (default 30 s).</param>
    public LiteDbEventStore(string databasePath, ILogger? logger = null, TimeProvider? time = null, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _lockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            _fileLock = new DatabaseFileLock(DatabasePath + LockFileSuffix);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Cannot open the event database '{DatabasePath}' (expected a writable folder): {ex.Message}", ex);
        }

        try
        {
            OpenOrRecover();
        }
        catch
        {
            _fileLock.Dispose();
            throw;
        }
    }

    public string DatabasePath { get; }

    /// <summary>LiteDB's write-ahead log next to the database (<c>watchpost-log.db</c>); empty between operations.</summary>
    public string LogFilePath => Path.Combine(Path.GetDirectoryName(DatabasePath)!,
        Path.GetFileNameWithoutExtension(DatabasePath) + "-log" + Path.GetExtension(DatabasePath));

    /// <summary>"ok", or "recovered" when a damaged file was moved aside at open and a fresh one started (see <see cref="DatabaseMessage"/>).</summary>
    public string DatabaseState { get; private set; } = "ok";

    /// <summary>What happened to the database at open, in words; null when it opened as it was.</summary>
    public string? DatabaseMessage { get; private set; }

    public Task<OutboxMessage?> AddAsync(SecurityEvent securityEvent, byte[]? snapshotJpeg, OutboxMessage? alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        return Task.FromResult(Store([new EventWrite(securityEvent, snapshotJpeg, alert)], cancellationToken)[0]);
    }

    /// <summary>Stores the events, snapshots and alerts in ONE transaction (all or none), under one lock and one open of the file.</summary>
    public Task<IReadOnlyList<OutboxMessage?>> AddBatchAsync(IReadOnlyList<EventWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return Task.FromResult<IReadOnlyList<OutboxMessage?>>(Store(writes, cancellationToken));
    }

    public Task<bool> UpdateAsync(EventLifecycleUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Task.FromResult(InTransaction(db =>
        {
            var events = db.GetCollection(EventsCollection);
            var doc = events.FindById(update.EventId);
            if (doc is null)
            {
                return false;
            }

            EventDocuments.Apply(doc, update);
            if (update.SnapshotJpeg is not null)
            {
                var snapshotId = $"snapshots/{update.EventId}.jpg";
                using var jpeg = new MemoryStream(update.SnapshotJpeg, writable: false);
                db.FileStorage.Upload(snapshotId, update.EventId + ".jpg", jpeg);
                doc["snapshot"] = snapshotId;
            }

            events.Update(doc);
            var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
            foreach (var message in update.Messages)
            {
                outbox.Insert(EventDocuments.ToDocument(message));
            }

            return true;
        }, cancellationToken));
    }

    public Task<double?> SnapshotQualityAsync(string eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Use(db =>
        {
            var doc = db.GetCollection(EventsCollection).FindById(eventId);
            return doc is null || doc["snapshot"].IsNull ? (double?)null
                : doc.TryGetValue("snapshotQuality", out var quality) && quality.IsNumber ? quality.AsDouble : 0;
        }, cancellationToken));

    public Task<SecurityEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Use(db => db.GetCollection(EventsCollection).FindById(eventId) is { } doc ? EventDocuments.ToEvent(doc) : null, cancellationToken));

    public Task<IReadOnlyList<SecurityEvent>> ListRecentAsync(int limit, string? cameraId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return QueryAsync(new EventQuery(CameraId: cameraId, Limit: Math.Min(limit, EventQuery.MaxLimit)), cancellationToken);
    }

    /// <summary>The matching events, newest first, read on the indexes (start time, camera, rule, severity, state).</summary>
    public Task<IReadOnlyList<SecurityEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.FromResult<IReadOnlyList<SecurityEvent>>(Use(db => Filter(db.GetCollection(EventsCollection).Query(), query)
            .OrderByDescending("startedAt").Skip(query.Skip).Limit(query.Limit).ToList()
            .Select(EventDocuments.ToEvent).ToList(), cancellationToken));
    }

    /// <summary>How many events match (the query's limit and skip aside).</summary>
    public Task<int> CountAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return Task.FromResult(Use(db => Filter(db.GetCollection(EventsCollection).Query(), query).Count(), cancellationToken));
    }

    public Task<Stream?> OpenSnapshotAsync(string eventId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Use(db =>
        {
            var doc = db.GetCollection(EventsCollection).FindById(eventId);
            if (doc is null || doc["snapshot"].IsNull || db.FileStorage.FindById(doc["snapshot"].AsString) is not { } file)
            {
                return null;
            }

            var copy = new MemoryStream((int)file.Length);
            file.CopyTo(copy);
            copy.Position = 0;
            return (Stream?)copy;
        }, cancellationToken));

    public Task<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Task.FromResult(Use(db =>
        {
            var id = db.GetCollection(OutboxCollection, BsonAutoId.Int64).Insert(EventDocuments.ToDocument(message));
            return message with { Sequence = id.AsInt64 };
        }, cancellationToken));
    }

    public Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var now = _time.GetUtcNow().UtcDateTime;
        return Task.FromResult<IReadOnlyList<OutboxMessage>>(Use(db => db.GetCollection(OutboxCollection, BsonAutoId.Int64).Query()
            .Where(BsonExpression.Create("$.setAside = null AND ($.retryAfter = null OR $.retryAfter <= @0)", now))   // "now" a parameter: see LiteDbQuery
            .OrderBy("_id").Limit(limit).ToList()
            .Select(EventDocuments.ToOutboxMessage).ToList(), cancellationToken));
    }

    public Task RecordAttemptAsync(long sequence, CancellationToken cancellationToken = default) =>
        UpdateOutbox(sequence, doc => doc["attempts"] = doc["attempts"].AsInt32 + 1, cancellationToken);

    public Task SetAsideAsync(long sequence, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var at = _time.GetUtcNow().UtcDateTime;
        return UpdateOutbox(sequence, doc =>
        {
            doc["setAside"] = reason;
            doc["setAsideAt"] = at;
        }, cancellationToken);
    }

    public Task DeferAsync(long sequence, DateTime retryAfter, CancellationToken cancellationToken = default) =>
        UpdateOutbox(sequence, doc => doc["retryAfter"] = EventDocuments.Utc(retryAfter), cancellationToken);

    public Task<(int Pending, int SetAside)> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Use(db =>
        {
            var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
            var setAside = outbox.Count(Query.Not("setAside", BsonValue.Null));
            return (outbox.Count() - setAside, setAside);
        }, cancellationToken));

    public Task MarkDeliveredAsync(long sequence, CancellationToken cancellationToken = default)
    {
        Use(db => db.GetCollection(OutboxCollection, BsonAutoId.Int64).Delete(sequence), cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Removes messages the broker has acknowledged, in one write.</summary>
    public Task MarkDeliveredAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count > 0)
        {
            Use(db => db.GetCollection(OutboxCollection, BsonAutoId.Int64).DeleteMany(LiteDbQuery.In("_id", sequences.Select(s => new BsonValue(s)))), cancellationToken);
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _fileLock.Dispose();

    /// <summary>
    /// Runs <paramref name="work"/> with the file locked against other processes and opened for this call only.
    /// Closing the database checkpoints its log into the data file before the lock is released.
    /// </summary>
    internal T Use<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            using var held = _fileLock.Acquire(_lockTimeout);
            using var db = Open();
            return work(db);
        }
    }

    /// <summary><see cref="Use{T}"/> inside one transaction: all of the work is stored, or none of it.</summary>
    internal T InTransaction<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken) => Use(db =>
    {
        db.BeginTrans();
        try
        {
            var result = work(db);
            db.Commit();
            return result;
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }, cancellationToken);

    private static ILiteQueryable<BsonDocument> Filter(ILiteQueryable<BsonDocument> q, EventQuery query)
    {
        if (query.Since is { } since)
        {
            q = q.Where(LiteDbQuery.Gte("startedAt", EventDocuments.Utc(since)));
        }

        if (query.Until is { } until)
        {
            q = q.Where(LiteDbQuery.Lt("startedAt", EventDocuments.Utc(until)));
        }

        if (query.CameraId is { } camera)
        {
            q = q.Where(LiteDbQuery.Eq("camera", camera));
        }

        if (query.RuleId is { } rule)
        {
            q = q.Where(LiteDbQuery.Eq("rule", rule));
        }

        if (query.Severity is { } severity)
        {
            q = q.Where(LiteDbQuery.Eq("severity", severity));
        }

        if (query.State is { } state)
        {
            q = q.Where(LiteDbQuery.Eq("state", state.ToString()));
        }

        if (query.Open)
        {
            q = q.Where(Query.Not("state", EventState.Resolved.ToString()));
        }

        return q;
    }

    private LiteDatabase Open() => new(new ConnectionString { Filename = DatabasePath, Connection = ConnectionType.Direct });

    private Task UpdateOutbox(long sequence, Action<BsonDocument> change, CancellationToken cancellationToken)
    {
        Use(db =>
        {
            var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
            if (outbox.FindById(sequence) is not { } doc)
            {
                return false;
            }

            change(doc);
            return outbox.Update(doc);
        }, cancellationToken);
        return Task.CompletedTask;
    }

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

        return InTransaction(db =>
        {
            var enqueued = new List<OutboxMessage?>(writes.Count);
            foreach (var write in writes)
            {
                enqueued.Add(Insert(db, write));
            }

            return enqueued;
        }, cancellationToken);
    }

    /// <summary>One event with its snapshot and messages, inside the caller's transaction; returns the first message as enqueued.</summary>
    private static OutboxMessage? Insert(LiteDatabase db, EventWrite write)
    {
        if (write.SnapshotJpeg is not null)
        {
            using var jpeg = new MemoryStream(write.SnapshotJpeg, writable: false);
            db.FileStorage.Upload(write.Event.SnapshotId!, write.Event.Id + ".jpg", jpeg);
        }

        var document = EventDocuments.ToDocument(write.Event);
        document["snapshotQuality"] = write.SnapshotQuality;
        db.GetCollection(EventsCollection).Insert(document);
        var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
        OutboxMessage? first = null;
        foreach (var message in write.Messages)
        {
            var id = outbox.Insert(EventDocuments.ToDocument(message));
            first ??= message with { Sequence = id.AsInt64 };
        }

        return first;
    }

    /// <summary>Opens the file once to set it up; a file that does not open as a LiteDB database is moved aside and a fresh one started.</summary>
    private void OpenOrRecover()
    {
        lock (_gate)
        {
            using var held = _fileLock.Acquire(_lockTimeout);
            try
            {
                Initialise();
                return;
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                var stamp = PrivateFile.DamagedStamp(_time.GetUtcNow());
                var movedTo = PrivateFile.MoveAside(DatabasePath, stamp);
                var logMovedTo = File.Exists(LogFilePath) ? PrivateFile.MoveAside(LogFilePath, stamp) : null;
                try
                {
                    Initialise();
                }
                catch (Exception again)
                {
                    throw new InvalidOperationException(
                        $"The event database '{DatabasePath}' did not open ({ex.Message}); it was moved to '{movedTo}', but a fresh one did not open either: {again.Message}", again);
                }

                DatabaseState = "recovered";
                DatabaseMessage = $"the event database did not open ({ex.GetType().Name}: {ex.Message}); it was moved to {movedTo}"
                    + (logMovedTo is null ? string.Empty : $" (its log to {logMovedTo})") + " and a fresh, empty one was started";
                _logger.LogError(ex, "Event database {Path} is damaged: moved to {MovedTo}, started a fresh one; the events before are in the moved file", DatabasePath, movedTo);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException(
                    $"Cannot open the event database '{DatabasePath}' (expected a writable folder and a LiteDB 5 file): {ex.Message}", ex);
            }
        }
    }

    /// <summary>Creates the collections' indexes, sets UTC_DATE and reads the file end to end enough to know it is whole.</summary>
    private void Initialise()
    {
        var clock = Stopwatch.StartNew();
        using var db = Open();
        if (!db.UtcDate)
        {
            db.UtcDate = true;
        }

        var events = db.GetCollection(EventsCollection);
        events.EnsureIndex("startedAt");
        events.EnsureIndex("camera");
        events.EnsureIndex("rule");
        events.EnsureIndex("severity");
        events.EnsureIndex("state");
        var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
        outbox.EnsureIndex("eventId");
        var audit = db.GetCollection(AuditCollection, BsonAutoId.Int64);
        audit.EnsureIndex("at");
        audit.EnsureIndex("target");
        CheckWhole(db);
        _logger.LogDebug("Event database {Path} opened in {Ms} ms", DatabasePath, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// A file cut off mid-write can still have a good header: its pages past the cut are gone. Every page the header
    /// counts must be in the file, and every event document must read back.
    /// </summary>
    private void CheckWhole(LiteDatabase db)
    {
        var info = db.Execute("SELECT $ FROM $database").ToList().FirstOrDefault();
        if (info is { IsDocument: true } && info.AsDocument.TryGetValue("lastPageID", out var last) && last.IsNumber)
        {
            var pages = new FileInfo(DatabasePath).Length / 8192;
            var logPages = File.Exists(LogFilePath) ? new FileInfo(LogFilePath).Length / 8192 : 0;
            if (last.AsInt64 + 1 > pages + logPages)
            {
                throw new LiteException(0, $"the file holds {pages} pages but its header counts {last.AsInt64 + 1}: it was cut off");
            }
        }

        // Reading every event (small documents; the snapshots are elsewhere) finds broken pages in what matters most.
        foreach (var doc in db.GetCollection(EventsCollection).FindAll())
        {
            _ = EventDocuments.ToEvent(doc);
        }
    }

    /// <summary>Problems of the file itself, not of the folder, the disk or another process.</summary>
    private static bool IsDamage(Exception ex) =>
        ex is not (UnauthorizedAccessException or TimeoutException or OutOfMemoryException or OperationCanceledException)
        && (ex is not IOException || ex is EndOfStreamException);
}
