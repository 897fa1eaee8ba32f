using System.Globalization;
using Watchpost.Events;

namespace Watchpost.WebConsole;

/// <summary>An event as the console's API shows it (kept apart from the stored type so storage can change).</summary>
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
    string? SnapshotUrl)
{
    public static EventView From(SecurityEvent e) => new(
        e.Id, e.Type, e.RuleId, e.Severity, e.CameraId, e.ZoneId, e.StartedAt, e.EndedAt, e.ClassName, e.TrackId, e.Score, e.BoxArray,
        e.State.ToString().ToLowerInvariant(), e.SnapshotId is null ? null : $"/api/events/{e.Id}/snapshot.jpg");

    public IEnumerable<(string Term, string Value)> Fields()
    {
        yield return ("event", Id);
        yield return ("rule", $"{Rule} ({Severity})");
        yield return ("camera", Camera);
        yield return ("zone", Zone ?? "-");
        yield return ("started (UTC)", StartedAt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
        yield return ("ended (UTC)", EndedAt?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "-");
        yield return ("object", TrackId is { } track ? $"{Class} #{track}, score {Score:F2}" : $"{Class} (group), score {Score:F2}");
        yield return ("box", string.Join(", ", Box.Select(v => v.ToString("F0", CultureInfo.InvariantCulture))));
        yield return ("state", State);
    }
}
