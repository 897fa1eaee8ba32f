using Watchpost.Events;

namespace Watchpost.WebConsole.Api;

/// <summary>One line of an event's audit trail as the API shows it (GET /api/events/{id}/audit).</summary>
public sealed record AuditView(DateTime At, string Operator, ChangeSource Source, string Action, string Target, string? Detail)
{
    public static AuditView From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.At, entry.Operator, entry.Source, entry.Action, entry.Target, entry.Detail);
    }
}
