namespace Watchpost.Events;

/// <summary>Limits of the <see cref="EventRecorder"/>.</summary>
public sealed record EventRecorderSettings
{
    /// <summary>
    /// Most candidates whose frames may wait in the queue. Beyond it, new candidates are still queued and recorded,
    /// but without a snapshot (their frame is released at once), so a burst can never run the box out of memory
    /// and no event is lost. At 768x576 each frame is 1.3 MB.
    /// </summary>
    public int MaxQueuedFrames { get; init; } = 32;

    /// <summary>Tries to write an event (with its snapshot) before it is written without the snapshot.</summary>
    public int StoreAttempts { get; init; } = 3;

    public TimeSpan StoreRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Events buffered per live subscriber (<see cref="EventRecorder.WatchAsync"/>); a slow one loses the oldest.</summary>
    public int SubscriberBuffer { get; init; } = 256;
}
