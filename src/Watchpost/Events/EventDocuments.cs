using LiteDB;
using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>
/// Maps events and outbox messages to LiteDB documents by hand: the field names stay stable whatever the C#
/// names become, and every DateTime read back is made UTC (LiteDB returns local times unless told otherwise).
/// </summary>
internal static class EventDocuments
{
    public static BsonDocument ToDocument(SecurityEvent e)
    {
        var details = new BsonDocument();
        foreach (var (key, value) in e.Details)
        {
            details[key] = new BsonValue(value);
        }

        return new BsonDocument
        {
            ["_id"] = e.Id,
            ["startedAt"] = Utc(e.StartedAt),
            ["recordedAt"] = Utc(e.RecordedAt),
            ["streamMs"] = e.StreamTimestamp.TotalMilliseconds,
            ["camera"] = e.CameraId,
            ["zone"] = e.ZoneId is null ? BsonValue.Null : e.ZoneId,
            ["rule"] = e.RuleId,
            ["type"] = e.Type,
            ["severity"] = e.Severity,
            ["class"] = e.ClassName,
            ["trackId"] = e.TrackId is { } track ? track : BsonValue.Null,
            ["score"] = (double)e.Score,
            ["box"] = new BsonArray(e.BoxArray.Select(v => new BsonValue((double)v))),
            ["snapshot"] = e.SnapshotId is null ? BsonValue.Null : e.SnapshotId,
            ["state"] = e.State.ToString(),
            ["details"] = details,
            ["path"] = PathArray(e.Path),
            ["endedAt"] = Nullable(e.EndedAt),
            ["acknowledgedAt"] = Nullable(e.AcknowledgedAt),
            ["acknowledgedBy"] = Nullable(e.AcknowledgedBy),
            ["resolvedAt"] = Nullable(e.ResolvedAt),
            ["resolvedBy"] = Nullable(e.ResolvedBy),
            ["assignedTo"] = Nullable(e.AssignedTo),
            ["assignedAt"] = Nullable(e.AssignedAt),
            ["notes"] = new BsonArray(e.Notes.Select(n => (BsonValue)new BsonDocument
            {
                ["at"] = Utc(n.At),
                ["operator"] = n.Operator,
                ["text"] = n.Text,
            })),
        };
    }

    /// <summary>Writes the workflow fields of <paramref name="e"/> into the stored document (the rest stays as stored).</summary>
    public static void ApplyWorkflow(BsonDocument doc, SecurityEvent e)
    {
        var fresh = ToDocument(e);
        foreach (var key in (string[])["state", "acknowledgedAt", "acknowledgedBy", "resolvedAt", "resolvedBy", "assignedTo", "assignedAt", "notes"])
        {
            doc[key] = fresh[key];
        }
    }

    public static SecurityEvent ToEvent(BsonDocument d)
    {
        var box = d["box"].AsArray;
        var details = new Dictionary<string, object>();
        foreach (var (key, value) in d["details"].AsDocument)
        {
            details[key] = value.RawValue;
        }

        return new SecurityEvent(
            Id: d["_id"].AsString,
            StartedAt: Utc(d["startedAt"].AsDateTime),
            RecordedAt: Utc(d["recordedAt"].AsDateTime),
            StreamTimestamp: TimeSpan.FromMilliseconds(d["streamMs"].AsDouble),
            CameraId: d["camera"].AsString,
            ZoneId: d["zone"].IsNull ? null : d["zone"].AsString,
            RuleId: d["rule"].AsString,
            Type: d["type"].AsString,
            Severity: d["severity"].AsString,
            ClassName: d["class"].AsString,
            TrackId: d["trackId"].IsNull ? null : d["trackId"].AsInt32,
            Score: (float)d["score"].AsDouble,
            Box: new BoundingBox((float)box[0].AsDouble, (float)box[1].AsDouble, (float)box[2].AsDouble, (float)box[3].AsDouble),
            SnapshotId: d["snapshot"].IsNull ? null : d["snapshot"].AsString,
            State: Enum.Parse<EventState>(d["state"].AsString),
            Details: details)
        {
            // Documents written before the workflow fields existed simply lack them.
            EndedAt = Time(d, "endedAt"),
            AcknowledgedAt = Time(d, "acknowledgedAt"),
            AcknowledgedBy = Text(d, "acknowledgedBy"),
            ResolvedAt = Time(d, "resolvedAt"),
            ResolvedBy = Text(d, "resolvedBy"),
            AssignedTo = Text(d, "assignedTo"),
            AssignedAt = Time(d, "assignedAt"),
            Path = d.TryGetValue("path", out var path) && path.IsArray && path.AsArray.Count > 0
                ? path.AsArray.Select(p => new[] { (float)p[0].AsDouble, (float)p[1].AsDouble }).ToList()
                : SecurityEvent.NoPath,
            Notes = d.TryGetValue("notes", out var notes) && notes.IsArray && notes.AsArray.Count > 0
                ? notes.AsArray.Select(n => new EventNote(Utc(n["at"].AsDateTime), n["operator"].AsString, n["text"].AsString)).ToList()
                : SecurityEvent.NoNotes,
        };
    }

    private static BsonArray PathArray(IReadOnlyList<float[]> path) =>
        new(path.Select(p => (BsonValue)new BsonArray(new BsonValue((double)p[0]), new BsonValue((double)p[1]))));

    private static BsonValue Nullable(DateTime? value) => value is { } v ? Utc(v) : BsonValue.Null;

    private static BsonValue Nullable(string? value) => value is null ? BsonValue.Null : value;

    private static DateTime? Time(BsonDocument d, string key) => d.TryGetValue(key, out var v) && v.IsDateTime ? Utc(v.AsDateTime) : null;

    private static string? Text(BsonDocument d, string key) => d.TryGetValue(key, out var v) && v.IsString ? v.AsString : null;

    /// <summary>Writes the fields an update sets into the stored document (the snapshot file itself is the store's job).</summary>
    public static void Apply(BsonDocument doc, EventLifecycleUpdate update)
    {
        if (update.Details is { } newDetails)
        {
            var details = new BsonDocument();
            foreach (var (key, value) in newDetails)
            {
                details[key] = new BsonValue(value);
            }

            doc["details"] = details;
        }

        if (update.Box is { } box)
        {
            doc["box"] = new BsonArray(new[] { box.X, box.Y, box.Width, box.Height }.Select(v => new BsonValue((double)v)));
        }

        if (update.Score is { } score)
        {
            doc["score"] = (double)score;
        }

        if (update.SnapshotQuality is { } quality)
        {
            doc["snapshotQuality"] = quality;
        }

        if (update.Path is { Count: > 0 } path)
        {
            doc["path"] = PathArray(path);
        }

        if (update.EndedAt is { } ended)
        {
            doc["endedAt"] = Utc(ended);
        }
    }

    public static BsonDocument ToDocument(AuditEntry a) => new()
    {
        ["at"] = Utc(a.At),
        ["operator"] = a.Operator,
        ["source"] = a.Source.ToString(),
        ["action"] = a.Action,
        ["target"] = a.Target,
        ["detail"] = Nullable(a.Detail),
    };

    public static AuditEntry ToAuditEntry(BsonDocument d) => new(
        Utc(d["at"].AsDateTime), d["operator"].AsString, Enum.Parse<ChangeSource>(d["source"].AsString), d["action"].AsString, d["target"].AsString,
        Text(d, "detail"));

    /// <summary>The document of a message to insert: no _id, the store assigns the next sequence.</summary>
    public static BsonDocument ToDocument(OutboxMessage m) => new()
    {
        ["messageId"] = m.MessageId,
        ["topic"] = m.Topic,
        ["payload"] = m.Payload,
        ["qos"] = m.QualityOfService,
        ["retain"] = m.Retain,
        ["attempts"] = m.Attempts,
        ["createdAt"] = Utc(m.CreatedAt),
        ["frameReceivedAt"] = m.FrameReceivedAt is { } t ? Utc(t) : BsonValue.Null,
        ["eventId"] = m.EventId is null ? BsonValue.Null : m.EventId,
    };

    public static OutboxMessage ToOutboxMessage(BsonDocument d) => new(
        Sequence: d["_id"].AsInt64,
        MessageId: d["messageId"].AsString,
        Topic: d["topic"].AsString,
        Payload: d["payload"].AsBinary,
        QualityOfService: d["qos"].AsInt32,
        Retain: d["retain"].AsBoolean,
        Attempts: d["attempts"].AsInt32,
        CreatedAt: Utc(d["createdAt"].AsDateTime),
        FrameReceivedAt: d["frameReceivedAt"].IsNull ? null : Utc(d["frameReceivedAt"].AsDateTime),
        EventId: d["eventId"].IsNull ? null : d["eventId"].AsString);

    /// <summary>
    /// The same instant as a UTC DateTime. An unspecified kind is taken as UTC already (never as local time,
    /// which is what LiteDB and ToUniversalTime would assume).
    /// </summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
