using System.Globalization;
using System.Text;
using Watchpost.Events;

namespace Watchpost.WebConsole.Api;

/// <summary>
/// The event log as CSV (GET /api/events.csv): RFC 4180 (CRLF, quotes doubled, a cell with a comma, quote or
/// line break quoted), and safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab or CR) gets a
/// leading ' so that a zone name or note is never run as a formula.
/// </summary>
internal static class EventCsv
{
    public const string Header = "id,started_at,ended_at,camera,zone,rule,type,severity,class,track_id,score,state,acknowledged_by,acknowledged_at,assigned_to,resolved_by,resolved_at,notes";

    public static void AppendRow(StringBuilder line, SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(e);
        Cell(line, e.Id, first: true);
        Cell(line, Time(e.StartedAt));
        Cell(line, Time(e.EndedAt));
        Cell(line, e.CameraId);
        Cell(line, e.ZoneId);
        Cell(line, e.RuleId);
        Cell(line, e.Type);
        Cell(line, e.Severity);
        Cell(line, e.ClassName);
        Cell(line, e.TrackId?.ToString(CultureInfo.InvariantCulture));
        Cell(line, e.Score.ToString("0.###", CultureInfo.InvariantCulture));
        Cell(line, EventView.StateName(e.State));
        Cell(line, e.AcknowledgedBy);
        Cell(line, Time(e.AcknowledgedAt));
        Cell(line, e.AssignedTo);
        Cell(line, e.ResolvedBy);
        Cell(line, Time(e.ResolvedAt));
        Cell(line, e.Notes.Count == 0 ? null : string.Join(" | ", e.Notes.Select(n => $"{Time(n.At)} {n.Operator}: {n.Text}")));
        line.Append("\r\n");
    }

    /// <summary>One cell, quoted when it must be and defused when a spreadsheet would read it as a formula.</summary>
    internal static void Cell(StringBuilder line, string? value, bool first = false)
    {
        if (!first)
        {
            line.Append(',');
        }

        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var defused = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (defused.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(defused);
            return;
        }

        line.Append('"').Append(defused.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string? Time(DateTime? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
