namespace Watchpost.Events;

/// <summary>Limits of the <see cref="EventRecorder"/>.</summary>
public sealed record EventRecorderSettings
{
    /// <summary>
    /// Most candidates whose frames may wait to be rendered. Beyond it, new candidates are still recorded, but
    /// without a snapshot (their frame is released at once), so a burst can never run the box out of memory and no
    /// event is lost. At 768x576 each frame is 1.3 MB.
    /// </summary>
    public int MaxQueuedFrames { get; init; } = 32;

    /// <summary>Most events and lifecycle steps held in memory while the database cannot take them (see <see cref="HeldEvents"/>).</summary>
    public int MaxHeldInMemory { get; init; } = 10_000;

    /// <summary>How often the recorder tries to write what it holds in memory to the database.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(2);
}
