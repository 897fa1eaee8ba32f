using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Watchpost.Events;

/// <summary>
/// The outbox the sender reads: the database's messages, then those held in memory while the database could not
/// take them (<see cref="HeldEvents"/>, negative sequences), so that alerts go out on a full disk too. Calls on a
/// held message are answered in memory. A database that cannot be read leaves the held messages still listed.
/// </summary>
public sealed class DurableAlertOutbox(IAlertOutbox stored, HeldEvents held, ILogger<DurableAlertOutbox>? logger = null) : IAlertOutbox
{
    private readonly ILogger _logger = logger ?? NullLogger<DurableAlertOutbox>.Instance;

    public Task<OutboxMessage> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default) =>
        stored.EnqueueAsync(message, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<OutboxMessage> fromDisk;
        try
        {
            fromDisk = await stored.ListPendingAsync(limit, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && held.Count > 0)
        {
            _logger.LogDebug("Outbox on disk cannot be read ({Reason}); sending the messages held in memory", ex.Message);
            fromDisk = [];
        }

        if (fromDisk.Count >= limit || held.Count == 0)
        {
            return fromDisk;
        }

        return [.. fromDisk, .. held.ListPending(limit - fromDisk.Count, DateTime.UtcNow)];
    }

    public Task RecordAttemptAsync(long sequence, CancellationToken cancellationToken = default)
    {
        if (!HeldEvents.IsHeldSequence(sequence))
        {
            return stored.RecordAttemptAsync(sequence, cancellationToken);
        }

        held.RecordAttempt(sequence);
        return Task.CompletedTask;
    }

    public Task SetAsideAsync(long sequence, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!HeldEvents.IsHeldSequence(sequence))
        {
            return stored.SetAsideAsync(sequence, reason, cancellationToken);
        }

        held.SetAside(sequence, reason);
        return Task.CompletedTask;
    }

    public Task DeferAsync(long sequence, DateTime retryAfter, CancellationToken cancellationToken = default)
    {
        if (!HeldEvents.IsHeldSequence(sequence))
        {
            return stored.DeferAsync(sequence, retryAfter, cancellationToken);
        }

        held.Defer(sequence, retryAfter);
        return Task.CompletedTask;
    }

    public async Task<(int Pending, int SetAside)> CountAsync(CancellationToken cancellationToken = default)
    {
        var (pending, setAside) = held.CountMessages();
        try
        {
            var onDisk = await stored.CountAsync(cancellationToken);
            return (onDisk.Pending + pending, onDisk.SetAside + setAside);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && held.Count > 0)
        {
            _logger.LogDebug("Outbox on disk cannot be counted ({Reason})", ex.Message);
            return (pending, setAside);
        }
    }

    public Task MarkDeliveredAsync(long sequence, CancellationToken cancellationToken = default)
    {
        if (!HeldEvents.IsHeldSequence(sequence))
        {
            return stored.MarkDeliveredAsync(sequence, cancellationToken);
        }

        held.MarkDelivered(sequence);
        return Task.CompletedTask;
    }

    public async Task MarkDeliveredAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var onDisk = new List<long>(sequences.Count);
        foreach (var sequence in sequences)
        {
            if (HeldEvents.IsHeldSequence(sequence))
            {
                held.MarkDelivered(sequence);
            }
            else
            {
                onDisk.Add(sequence);
            }
        }

        if (onDisk.Count > 0)
        {
            await stored.MarkDeliveredAsync(onDisk, cancellationToken);
        }
    }
}
