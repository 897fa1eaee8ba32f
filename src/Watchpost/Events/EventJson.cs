using System.Globalization;
using System.Text.Json;

namespace Watchpost.Events;

/// <summary>An event as one JSON object with snake_case fields and UTC ISO-8601 times (the CLI's --json and export).</summary>
internal static class EventJson
{
    public static string Time(DateTime t) => EventDocuments.Utc(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Line(SecurityEvent e, IReadOnlyList<AuditEntry>? audit = null, string? snapshotFile = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, e, audit, snapshotFile);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter w, SecurityEvent e, IReadOnlyList<AuditEntry>? audit, string? snapshotFile)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("type", e.Type);
        w.WriteString("rule", e.RuleId);
        w.WriteString("camera", e.CameraId);
        Nullable(w, "zone", e.ZoneId);
        w.WriteString("severity", e.Severity);
        w.WriteString("class", e.ClassName);
        if (e.TrackId is { } track)
        {
            w.WriteNumber("track_id", track);
        }
        else
        {
            w.WriteNull("track_id");
        }

        w.WriteNumber("score", Math.Round(e.Score, 4));
        w.WriteString("started_at", Time(e.StartedAt));
        Nullable(w, "ended_at", e.EndedAt);
        w.WriteString("recorded_at", Time(e.RecordedAt));
        w.WriteString("state", e.State.ToString().ToLowerInvariant());
        Nullable(w, "acknowledged_at", e.AcknowledgedAt);
        Nullable(w, "acknowledged_by", e.AcknowledgedBy);
        Nullable(w, "assigned_to", e.AssignedTo);
        Nullable(w, "assigned_at", e.AssignedAt);
        Nullable(w, "resolved_at", e.ResolvedAt);
        Nullable(w, "resolved_by", e.ResolvedBy);
        w.WriteStartArray("notes");
        foreach (var n in e.Notes)
        {
            w.WriteStartObject();
            w.WriteString("at", Time(n.At));
            w.WriteString("operator", n.Operator);
            w.WriteString("text", n.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("box");
        foreach (var v in e.BoxArray)
        {
            w.WriteNumberValue(Math.Round(v, 1));
        }

        w.WriteEndArray();
        w.WriteBoolean("has_snapshot", e.SnapshotId is not null);
        if (snapshotFile is not null)
        {
            w.WriteString("snapshot_file", snapshotFile);
        }

        w.WritePropertyName("details");
        JsonSerializer.Serialize(w, e.Details);
        if (audit is not null)
        {
            w.WriteStartArray("audit");
            foreach (var a in audit)
            {
                w.WriteStartObject();
                w.WriteString("at", Time(a.At));
                w.WriteString("operator", a.Operator);
                w.WriteString("source", a.Source.ToString().ToLowerInvariant());
                w.WriteString("action", a.Action);
                Nullable(w, "detail", a.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Nullable(Utf8JsonWriter w, string name, DateTime? value) => Nullable(w, name, value is { } t ? Time(t) : null);
}
