using Watchpost.Events;

namespace Watchpost.WebConsole;

/// <summary>
/// An event as the console's API shows it (docs/console-api.md, EventView), kept apart from the stored type so
/// that storage can change. Box and path are in pixels of the snapshot; times are UTC.
/// </summary>
public sealed record EventView(
    string Id,
    string Type,
    string Rule,
    string Severity,
    string Camera,
    string? Zone,
    DateTime StartedAt,
    DateTime? EndedAt,
    string Class,
    int? TrackId,
    float Score,
    float[] Box,
    string State,
    string? SnapshotUrl,
    DateTime? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTime? ResolvedAt,
    string? ResolvedBy,
    string? AssignedTo,
    DateTime? AssignedAt,
    IReadOnlyList<EventNoteView> Notes,
    IReadOnlyList<float[]> Path,
    IReadOnlyDictionary<string, object> Details,
    string Url)
{
    public static EventView From(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Id, e.Type, e.RuleId, e.Severity, e.CameraId, e.ZoneId, e.StartedAt, e.EndedAt, e.ClassName, e.TrackId, e.Score, e.BoxArray,
            StateName(e.State), e.SnapshotId is null ? null : $"/api/events/{Uri.EscapeDataString(e.Id)}/snapshot.jpg",
            e.AcknowledgedAt, e.AcknowledgedBy, e.ResolvedAt, e.ResolvedBy, e.AssignedTo, e.AssignedAt,
            e.Notes.Count == 0 ? [] : [.. e.Notes.Select(n => new EventNoteView(n.At, n.Operator, n.Text))],
            e.Path, e.Details, $"/events/{Uri.EscapeDataString(e.Id)}");
    }

    /// <summary>"new", "acknowledged", "resolved": the words of the API and the CSV.</summary>
    public static string StateName(EventState state) => state switch
    {
        EventState.New => "new",
        EventState.Acknowledged => "acknowledged",
        EventState.Resolved => "resolved",
        _ => state.ToString().ToLowerInvariant(),
    };
}
