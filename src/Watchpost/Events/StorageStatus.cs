namespace Watchpost.Events;

/// <summary>A snapshot of the event log's health.</summary>
/// <param name="Database">"ok"; "recovered" (a damaged file was moved aside and a fresh one started); "unavailable" (events are held in memory).</param>
/// <param name="DatabaseMessage">What happened, in words (e.g. where the damaged file was moved); null when ok.</param>
/// <param name="DiskFull">True while the storage folder has less free space than the reserve: snapshots are dropped, events still alert.</param>
/// <param name="FreeBytes">Free space in the storage folder.</param>
/// <param name="SnapshotsDropped">Snapshots not stored since start (disk full or recorder behind).</param>
/// <param name="OutboxBacklog">Messages waiting for the broker's acknowledgement.</param>
/// <param name="HeldInMemory">Events that could not be written to disk yet and are kept in memory.</param>
public sealed record StorageStatus(
    string Database,
    string? DatabaseMessage,
    bool DiskFull,
    long FreeBytes,
    long SnapshotsDropped,
    int OutboxBacklog,
    int HeldInMemory);
