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
}
