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

    /// <summary>
    /// Takes a message the broker refused for good (not authorised, quota, bad topic) out of the pending list, with
    /// the reason, so that it does not block the ones behind it; it stays in the store to be looked at.
    /// </summary>
    Task SetAsideAsync(long sequence, string reason, CancellationToken cancellationToken = default);

    /// <summary>Leaves a message out of <see cref="ListPendingAsync"/> until <paramref name="retryAfter"/> (UTC), e.g. an alert nobody was subscribed to yet.</summary>
    Task DeferAsync(long sequence, DateTime retryAfter, CancellationToken cancellationToken = default);

    /// <summary>Messages pending (including deferred ones), and those set aside.</summary>
    Task<(int Pending, int SetAside)> CountAsync(CancellationToken cancellationToken = default);

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
