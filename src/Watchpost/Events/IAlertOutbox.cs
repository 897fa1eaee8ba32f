namespace Watchpost.Events;

/// <summary>Messages not yet acknowledged by the broker; they survive restarts. Implementations are thread-safe.</summary>
public interface IAlertOutbox
{
    /// <returns>The message with the sequence it was given.</returns>
    Task<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>The oldest pending messages, in the order they must be sent.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts a failed delivery attempt.</summary>
    Task RecordAttemptAsync(long sequence, CancellationToken cancellationToken = default);

    /// <summary>Removes a message the broker has acknowledged.</summary>
    Task MarkDeliveredAsync(long sequence, CancellationToken cancellationToken = default);

    /// <summary>Removes messages the broker has acknowledged; this default removes them one by one.</summary>
    async Task MarkDeliveredAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        foreach (var sequence in sequences)
        {
            await MarkDeliveredAsync(sequence, cancellationToken);
        }
    }
}
