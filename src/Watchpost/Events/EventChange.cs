namespace Watchpost.Events;

/// <summary>
/// One change of the event log, after it was stored: a new event, new figures, its end, or an operator's
/// acknowledgement, note, assignment or resolution. <see cref="IEventFeed"/> carries these to the MQTT publisher,
/// GPIO and the console; <see cref="IEventMessageComposer"/> turns them into the outbox messages stored with them.
/// </summary>
/// <param name="Event">The event as stored after the change.</param>
/// <param name="At">UTC time of the change.</param>
public sealed record EventChange(EventChangeKind Kind, SecurityEvent Event, DateTime At)
{
    /// <summary>Who made the change (an operator's name; null for the pipeline).</summary>
    public string? Operator { get; init; }

    public ChangeSource Source { get; init; } = ChangeSource.Rule;

    /// <summary>The note that came with an operator's change, or the guard an event was assigned to.</summary>
    public string? Note { get; init; }

    /// <summary>When the frame that raised a Started change was read (for frame-to-alert latency); null otherwise.</summary>
    public DateTime? FrameReceivedAt { get; init; }
}
