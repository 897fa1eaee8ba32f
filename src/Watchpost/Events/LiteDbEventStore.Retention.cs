using LiteDB;

namespace Watchpost.Events;

/// <summary>Retention: by age, then by size, oldest first, never an event whose alert is still in the outbox.</summary>
public sealed partial class LiteDbEventStore
{
    /// <summary>Events removed per transaction, so that the recorder's writes get the lock in between.</summary>
    private const int RemoveChunk = 200;

    /// <summary>A rough size of an event's document and index entries besides its snapshot.</summary>
    private const long EventOverheadBytes = 2048;

    /// <summary>Bytes of the database file and its log on disk.</summary>
    public long FileBytes => Length(DatabasePath) + Length(LogFilePath);

    /// <summary>
    /// Removes the events that started before <paramref name="olderThan"/> and then, while the file is over
    /// <paramref name="maxBytes"/>, the oldest ones (to 90 % of it, so the next pass does not start at once),
    /// each with its snapshot; then rebuilds the file, because LiteDB keeps freed pages for reuse and the file
    /// would not shrink. An event with a message in the outbox that is not set aside (pending or deferred) stays.
    /// </summary>
    internal RetentionResult ApplyRetention(DateTime olderThan, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var before = FileBytes;
        var cutoff = EventDocuments.Utc(olderThan);
        var (candidates, waiting) = Use(db => (Candidates(db), Waiting(db)), cancellationToken);
        var kept = new HashSet<string>();
        var expired = candidates.TakeWhile(c => c.StartedAt < cutoff).Where(c => Keep(c, waiting, kept) is false).ToList();
        Remove(expired, cancellationToken);
        var byAge = expired.Count;

        var bySize = 0;
        var remaining = candidates.Skip(candidates.TakeWhile(c => c.StartedAt < cutoff).Count()).ToList();
        for (var round = 0; round < 5 && FileBytes > maxBytes; round++)
        {
            var excess = FileBytes - (long)(maxBytes * 0.9);
            var doomed = new List<Candidate>();
            long freed = 0;
            foreach (var c in remaining)
            {
                if (freed >= excess)
                {
                    break;
                }

                if (Keep(c, waiting, kept) is false)
                {
                    doomed.Add(c);
                    freed += c.Bytes;
                }
            }

            Remove(doomed, cancellationToken);
            bySize += doomed.Count;
            remaining = remaining.Except(doomed).ToList();
            Use(db => db.Rebuild(), cancellationToken);
            DeleteRebuildLeftovers();
            if (doomed.Count == 0)
            {
                break;
            }
        }

        var after = FileBytes;
        return new RetentionResult(byAge, bySize, kept.Count, before, after, after > maxBytes);
    }

    private static bool Keep(Candidate c, HashSet<string> waiting, HashSet<string> kept)
    {
        if (waiting.Contains(c.Id))
        {
            kept.Add(c.Id);
            return true;
        }

        return false;
    }

    /// <summary>Every event, oldest first, with what removing it would roughly free.</summary>
    private static List<Candidate> Candidates(LiteDatabase db)
    {
        var snapshotBytes = db.FileStorage.FindAll().ToDictionary(f => f.Id, f => f.Length);
        return db.GetCollection(EventsCollection).Query().OrderBy("startedAt")
            .Select(BsonExpression.Create("{ _id: $._id, startedAt: $.startedAt, snapshot: $.snapshot }")).ToList()
            .Select(d =>
            {
                var snapshot = d["snapshot"].IsNull ? null : d["snapshot"].AsString;
                var bytes = EventOverheadBytes + (snapshot is not null && snapshotBytes.TryGetValue(snapshot, out var length) ? length : 0);
                return new Candidate(d["_id"].AsString, EventDocuments.Utc(d["startedAt"].AsDateTime), snapshot, bytes);
            }).ToList();
    }

    /// <summary>Events with an outbox message still to go (pending or deferred; not set aside).</summary>
    private static HashSet<string> Waiting(LiteDatabase db) =>
        db.GetCollection(OutboxCollection, BsonAutoId.Int64).Query()
            .Where(Query.And(Query.EQ("setAside", BsonValue.Null), Query.Not("eventId", BsonValue.Null)))
            .Select(BsonExpression.Create("{ eventId: $.eventId }")).ToList()
            .Select(d => d["eventId"].AsString).ToHashSet();

    private void Remove(List<Candidate> doomed, CancellationToken cancellationToken)
    {
        foreach (var chunk in doomed.Chunk(RemoveChunk))
        {
            InTransaction(db =>
            {
                var events = db.GetCollection(EventsCollection);
                var outbox = db.GetCollection(OutboxCollection, BsonAutoId.Int64);
                foreach (var c in chunk)
                {
                    // Re-checked inside the transaction: the recorder may have queued a lifecycle message since.
                    // The id is a parameter, not part of the text: see LiteDbQuery.
                    if (outbox.Exists(BsonExpression.Create("$.eventId = @0 AND $.setAside = null", c.Id)))
                    {
                        continue;
                    }

                    if (c.Snapshot is not null)
                    {
                        db.FileStorage.Delete(c.Snapshot);
                    }

                    events.Delete(c.Id);
                    outbox.DeleteMany(LiteDbQuery.Eq("eventId", c.Id));   // messages set aside for good go with their event
                }

                return chunk.Length;
            }, cancellationToken);
        }
    }

    /// <summary>LiteDB's rebuild leaves a copy of the file as it was; the removed events are not to stay on disk in it.</summary>
    private void DeleteRebuildLeftovers()
    {
        var folder = Path.GetDirectoryName(DatabasePath)!;
        var name = Path.GetFileNameWithoutExtension(DatabasePath);
        foreach (var leftover in Directory.EnumerateFiles(folder, name + "-backup*"))
        {
            File.Delete(leftover);
        }
    }

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private sealed record Candidate(string Id, DateTime StartedAt, string? Snapshot, long Bytes);
}
