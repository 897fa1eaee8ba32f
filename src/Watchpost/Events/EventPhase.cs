namespace Watchpost.Events;

/// <summary>A step in an event's life as it reaches the event log.</summary>
public enum EventPhase
{
    Started,

    Updated,

    Ended,
}
