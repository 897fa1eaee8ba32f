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
            details[key] = value;
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
            ["trackId"] = e.TrackId,
            ["score"] = (double)e.Score,
            ["box"] = new BsonArray(e.BoxArray.Select(v => new BsonValue((double)v))),
            ["snapshot"] = e.SnapshotId is null ? BsonValue.Null : e.SnapshotId,
            ["state"] = e.State.ToString(),
            ["details"] = details,
        };
    }

    public static SecurityEvent ToEvent(BsonDocument d)
    {
        var box = d["box"].AsArray;
        var details = new Dictionary<string, double>();
        foreach (var (key, value) in d["details"].AsDocument)
        {
            details[key] = value.AsDouble;
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
            TrackId: d["trackId"].AsInt32,
            Score: (float)d["score"].AsDouble,
            Box: new BoundingBox((float)box[0].AsDouble, (float)box[1].AsDouble, (float)box[2].AsDouble, (float)box[3].AsDouble),
            SnapshotId: d["snapshot"].IsNull ? null : d["snapshot"].AsString,
            State: Enum.Parse<EventState>(d["state"].AsString),
            Details: details);
    }

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
