namespace Watchpost.Events;

/// <summary>One event to store with its snapshot and alert (see <see cref="IEventStore.AddBatchAsync"/>).</summary>
/// <param name="SnapshotJpeg">The JPEG, stored under <see cref="SecurityEvent.SnapshotId"/> (which must then be set); null = none.</param>
/// <param name="Alert">The alert to put into the outbox, or null.</param>
/// <param name="SnapshotQuality">How good the snapshot's view is (<see cref="EventCandidate.SnapshotQuality"/>), for later updates to compare with.</param>
public sealed record EventWrite(SecurityEvent Event, byte[]? SnapshotJpeg, OutboxMessage? Alert, double SnapshotQuality = 0);
