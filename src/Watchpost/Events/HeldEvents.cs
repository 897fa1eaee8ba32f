namespace Watchpost.Events;

/// <summary>
/// Events, lifecycle steps and their outbox messages that the database could not take (disk full, store failing),
/// held in memory in the order they came, so that alerting goes on: <see cref="DurableAlertOutbox"/> lists the
/// held messages to the sender after the stored ones (with negative sequences) and marks them delivered here. The
/// recorder writes the held operations to the database, in order, when space returns; messages delivered in the
/// meantime are not stored again. Bounded: when <see cref="Capacity"/> operations are held, later ones are refused
/// (the oldest are kept: the start of an incident matters more than the rest of a flood, and refusing keeps the
/// replay order whole). Thread-safe.
/// </summary>
public sealed class HeldEvents
{
    private readonly Lock _gate = new();
    private readonly List<HeldOperation> _operations = [];
    private readonly Dictionary<long, HeldMessage> _messages = [];
    private readonly Dictionary<string, SecurityEvent> _latest = [];
    private long _lastSequence;
    private long _refused;

    public HeldEvents(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>Most operations (events and steps) held at once.</summary>
    public int Capacity { get; }

    /// <summary>Operations (events and steps) waiting to be written to the database.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _operations.Count;
            }
        }
    }

    /// <summary>Operations refused since start because <see cref="Capacity"/> were held.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Holds a new event with its messages; false (counted in <see cref="Refused"/>) when full.</summary>
    public bool TryHold(EventWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            if (!HasRoom())
            {
                return false;
            }

            // The snapshot never waits in memory: only the event and its alert must not be lost.
            var held = write with { SnapshotJpeg = null, Event = write.Event with { SnapshotId = null } };
            _operations.Add(new HeldOperation { Write = held, Messages = Keep(write.Messages) });
            _latest[held.Event.Id] = held.Event;
            return true;
        }
    }

    /// <summary>Holds a step of an event; <paramref name="after"/> is the event with the step applied.</summary>
    public bool TryHold(EventLifecycleUpdate update, SecurityEvent after)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(after);
        lock (_gate)
        {
            if (!HasRoom())
            {
                return false;
            }

            _operations.Add(new HeldOperation { Update = update with { SnapshotJpeg = null }, Messages = Keep(update.Messages) });
            _latest[update.EventId] = after;
            return true;
        }
    }

    /// <summary>The event as it stands after its held operations, or null when none of them is about it.</summary>
    public SecurityEvent? Latest(string eventId)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(eventId);
        }
    }

    /// <summary>Held messages to send, oldest first: not delivered, set aside, deferred or being stored.</summary>
    public IReadOnlyList<OutboxMessage> ListPending(int limit, DateTime now)
    {
        lock (_gate)
        {
            return _operations.SelectMany(o => o.Messages)
                .Where(m => !m.Delivered && m.SetAsideReason is null && !m.Flushing && (m.RetryAfter is not { } after || after <= now))
                .Take(limit).Select(m => m.Message).ToList();
        }
    }

    /// <summary>Held messages not delivered yet (including deferred ones), and those set aside.</summary>
    public (int Pending, int SetAside) CountMessages()
    {
        lock (_gate)
        {
            var open = _operations.SelectMany(o => o.Messages).Where(m => !m.Delivered).ToList();
            var setAside = open.Count(m => m.SetAsideReason is not null);
            return (open.Count - setAside, setAside);
        }
    }

    /// <summary>True when <paramref name="sequence"/> is a sequence this holds (negative), whether or not the message is still here.</summary>
    public static bool IsHeldSequence(long sequence) => sequence < 0;

    public void RecordAttempt(long sequence) => Change(sequence, m => m.Message = m.Message with { Attempts = m.Message.Attempts + 1 });

    public void SetAside(long sequence, string reason) => Change(sequence, m => m.SetAsideReason = reason);

    public void Defer(long sequence, DateTime retryAfter) => Change(sequence, m => m.RetryAfter = retryAfter.ToUniversalTime());

    public void MarkDelivered(long sequence) => Change(sequence, m => m.Delivered = true);

    /// <summary>The oldest held operations (at most <paramref name="max"/>), marked as being stored.</summary>
    internal IReadOnlyList<HeldOperation> BeginFlush(int max)
    {
        lock (_gate)
        {
            var batch = _operations.Take(max).ToList();
            foreach (var message in batch.SelectMany(o => o.Messages))
            {
                message.Flushing = true;
            }

            return batch;
        }
    }

    /// <summary>The operations are in the database: forget them (their messages are now the database's).</summary>
    internal void Flushed(IReadOnlyList<HeldOperation> stored)
    {
        lock (_gate)
        {
            foreach (var operation in stored)
            {
                _operations.Remove(operation);
                foreach (var message in operation.Messages)
                {
                    _messages.Remove(message.Message.Sequence);
                }
            }

            // Forget the events' latest state once nothing of them is held any more.
            var stillHeld = _operations.Select(o => o.EventId).ToHashSet();
            foreach (var id in stored.Select(o => o.EventId).Distinct().Where(id => !stillHeld.Contains(id)))
            {
                _latest.Remove(id);
            }
        }
    }

    /// <summary>Storing failed: the operations' messages are listed again.</summary>
    internal void FlushFailed(IReadOnlyList<HeldOperation> batch)
    {
        lock (_gate)
        {
            foreach (var message in batch.SelectMany(o => o.Messages))
            {
                message.Flushing = false;
            }
        }
    }

    private bool HasRoom()
    {
        if (_operations.Count < Capacity)
        {
            return true;
        }

        Interlocked.Increment(ref _refused);
        return false;
    }

    private List<HeldMessage> Keep(IReadOnlyList<OutboxMessage> messages)
    {
        var held = new List<HeldMessage>(messages.Count);
        foreach (var message in messages)
        {
            var entry = new HeldMessage(message with { Sequence = --_lastSequence });
            _messages[entry.Message.Sequence] = entry;
            held.Add(entry);
        }

        return held;
    }

    private void Change(long sequence, Action<HeldMessage> change)
    {
        lock (_gate)
        {
            if (_messages.TryGetValue(sequence, out var message))
            {
                change(message);
            }
        }
    }
}
