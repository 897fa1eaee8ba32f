using Watchpost.Events;

namespace Watchpost.WebConsole.Api;

/// <summary>
/// The event log's storage status (GET /api/status) with <see cref="Problems"/>: what is wrong, in words, for the
/// page's banner (empty when all is well).
/// </summary>
public sealed record StatusView(
    string Database,
    string? DatabaseMessage,
    bool DiskFull,
    long FreeBytes,
    long SnapshotsDropped,
    int OutboxBacklog,
    int HeldInMemory,
    IReadOnlyList<string> Problems)
{
    public static StatusView From(StorageStatus s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Database, s.DatabaseMessage, s.DiskFull, s.FreeBytes, s.SnapshotsDropped, s.OutboxBacklog, s.HeldInMemory,
            [.. ConsoleEndpoints.StorageProblems(s)]);
    }
}
