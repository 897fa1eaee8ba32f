namespace Watchpost.Events;

/// <summary>What happened to an event: the rule's lifecycle (started, updated, ended) and the operators' workflow.</summary>
public enum EventChangeKind
{
    Started,
    Updated,
    Ended,
    Acknowledged,
    Noted,
    Assigned,
    Resolved,

    /// <summary>
    /// The event's snapshot was stored (after the event itself, see <see cref="EventRecorder"/>). Only for live views
    /// such as the console, which show the picture as soon as it exists; no MQTT message is stored for it.
    /// </summary>
    SnapshotAttached,
}
