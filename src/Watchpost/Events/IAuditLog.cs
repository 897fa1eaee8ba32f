namespace Watchpost.Events;

/// <summary>Who changed what, when and from where: event workflow, arming, relays, reloads. Kept in the event log's database.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="target"/> filters on the entry's target (e.g. an event id).</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? target = null, CancellationToken cancellationToken = default);
}
