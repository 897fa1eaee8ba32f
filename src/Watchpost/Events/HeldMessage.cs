namespace Watchpost.Events;

/// <summary>An outbox message held in memory with what the sender has done to it (see <see cref="HeldEvents"/>).</summary>
internal sealed class HeldMessage(OutboxMessage message)
{
    /// <summary>The message, with the negative sequence it has in memory.</summary>
    public OutboxMessage Message { get; set; } = message;

    public bool Delivered { get; set; }

    public string? SetAsideReason { get; set; }

    public DateTime? RetryAfter { get; set; }

    /// <summary>Being written to the database: not listed, so that it goes out once, from the database, afterwards.</summary>
    public bool Flushing { get; set; }
}
