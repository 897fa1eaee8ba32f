namespace Watchpost.Events;

/// <summary>An operation named an event that the log does not hold.</summary>
public sealed class EventNotFoundException(string eventId)
    : Exception($"no event with id '{eventId}' in the event log")
{
    public string EventId { get; } = eventId;
}
