namespace Watchpost.Events;

/// <summary>Where an event is in the operators' workflow.</summary>
public enum EventState
{
    /// <summary>Raised, nobody has looked at it yet.</summary>
    New,

    Acknowledged,

    Resolved,
}
