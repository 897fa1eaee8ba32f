namespace Watchpost.Events;

/// <summary>A write the database could not take (a new event or a step of one), waiting in memory with its messages.</summary>
internal sealed class HeldOperation
{
    /// <summary>A new event (its snapshot is never held); null for a lifecycle step.</summary>
    public EventWrite? Write { get; init; }

    /// <summary>A step of an event (its messages are in <see cref="Messages"/>); null for a new event.</summary>
    public EventLifecycleUpdate? Update { get; init; }

    public required IReadOnlyList<HeldMessage> Messages { get; init; }

    public string EventId => Write?.Event.Id ?? Update!.EventId;

    /// <summary>The messages still to store with the operation (delivered and set-aside ones are done with), sequence reset for the store.</summary>
    public IReadOnlyList<OutboxMessage> MessagesToStore() =>
        Messages.Where(m => !m.Delivered && m.SetAsideReason is null).Select(m => m.Message with { Sequence = 0 }).ToList();
}
