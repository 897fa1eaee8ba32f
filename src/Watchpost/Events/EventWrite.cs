namespace Watchpost.Events;

/// <summary>One event to store with its snapshot and the messages announcing it (see <see cref="IEventStore.AddBatchAsync"/>).</summary>
/// <param name="SnapshotJpeg">The JPEG, stored under <see cref="SecurityEvent.SnapshotId"/> (which must then be set); null = none.</param>
/// <param name="Messages">The outbox messages (alert, lifecycle message) stored in the same transaction, in this order.</param>
/// <param name="SnapshotQuality">How good the snapshot's view is (<see cref="EventCandidate.SnapshotQuality"/>), for later updates to compare with.</param>
public sealed record EventWrite(SecurityEvent Event, byte[]? SnapshotJpeg, IReadOnlyList<OutboxMessage> Messages, double SnapshotQuality = 0)
{
    /// <summary>An event with at most one message (the alert).</summary>
    public EventWrite(SecurityEvent @event, byte[]? snapshotJpeg, OutboxMessage? alert, double snapshotQuality = 0)
        : this(@event, snapshotJpeg, alert is null ? [] : [alert], snapshotQuality)
    {
    }
}
