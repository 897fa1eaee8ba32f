namespace Watchpost.Events;

/// <summary>One event to store with its snapshot and alert (see <see cref="IEventStore.AddBatchAsync"/>).</summary>
/// <param name="SnapshotJpeg">The JPEG, stored under <see cref="SecurityEvent.SnapshotId"/> (which must then be set); null = none.</param>
/// <param name="Alert">The alert to put into the outbox, or null.</param>
public sealed record EventWrite(SecurityEvent Event, byte[]? SnapshotJpeg, OutboxMessage? Alert);
