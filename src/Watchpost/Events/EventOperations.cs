namespace Watchpost.Events;

/// <summary>
/// Acknowledge, note, assign and resolve, for the MQTT commands, the console and the CLI. Each change is checked,
/// then stored with its audit entry and its outbox messages in one transaction of the LiteDB file, then published
/// on the <see cref="EventFeed"/>.
/// </summary>
public sealed class EventOperations(LiteDbEventStore store, IEventMessageComposer composer, EventFeed feed, TimeProvider? time = null) : IEventOperations
{
    public const int MaxOperatorLength = 64;
    public const int MaxNoteLength = 2000;
    public const int MaxEventIdLength = 64;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public Task<SecurityEvent> ApplyAsync(EventAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        Validate(action);
        var at = UtcTime.ToMilliseconds(_time.GetUtcNow());
        var change = store.ApplyChange(action.EventId, e => Change(e, action, at), composer.Compose, cancellationToken);
        feed.Publish(change);
        return Task.FromResult(change.Event);
    }

    /// <summary>What is wrong with the action itself, before the event is looked at.</summary>
    private static void Validate(EventAction a)
    {
        Text(a.EventId, "event_id", MaxEventIdLength, required: true);
        Text(a.Operator, "operator", MaxOperatorLength, required: true);
        var noteRequired = a.Kind is EventChangeKind.Noted or EventChangeKind.Assigned;
        Text(a.Note, a.Kind == EventChangeKind.Assigned ? "note (the guard to assign to)" : "note", a.Kind == EventChangeKind.Assigned ? MaxOperatorLength : MaxNoteLength, noteRequired);
        if (a.Kind is not (EventChangeKind.Acknowledged or EventChangeKind.Noted or EventChangeKind.Assigned or EventChangeKind.Resolved))
        {
            throw new ArgumentException($"'{a.Kind}' is not an operator's action; expected Acknowledged, Noted, Assigned or Resolved");
        }

        if (!Enum.IsDefined(a.Source))
        {
            throw new ArgumentException($"source '{a.Source}' is not a known change source");
        }
    }

    private static void Text(string? value, string name, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                throw new ArgumentException($"{name} is required", name);
            }

            return;
        }

        if (value.Length > max)
        {
            throw new ArgumentException($"{name} is {value.Length} characters long; at most {max} are allowed", name);
        }

        // A note may have line breaks; no field may carry other control characters (terminal escapes in the CLI's table).
        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw new ArgumentException($"{name} contains control characters", name);
        }
    }

    /// <summary>The event after the action, or an <see cref="ArgumentException"/> naming the state that forbids it.</summary>
    private static (EventChange, AuditEntry) Change(SecurityEvent e, EventAction a, DateTime at)
    {
        var who = a.Operator.Trim();
        var note = string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim();
        var notes = note is null || a.Kind == EventChangeKind.Assigned ? e.Notes : [.. e.Notes, new EventNote(at, who, note)];
        (SecurityEvent changed, string verb) = a.Kind switch
        {
            EventChangeKind.Acknowledged when e.State != EventState.New =>
                throw Refused(e, "acknowledge", "only a New event can be acknowledged"),
            EventChangeKind.Acknowledged => (e with { State = EventState.Acknowledged, AcknowledgedAt = at, AcknowledgedBy = who, Notes = notes }, "ack"),
            EventChangeKind.Resolved when e.State == EventState.Resolved =>
                throw Refused(e, "resolve", "it is resolved already"),
            EventChangeKind.Resolved => (e with { State = EventState.Resolved, ResolvedAt = at, ResolvedBy = who, Notes = notes }, "resolve"),
            EventChangeKind.Assigned when e.State == EventState.Resolved =>
                throw Refused(e, "assign", "a Resolved event is closed"),
            EventChangeKind.Assigned => (e with { AssignedTo = note, AssignedAt = at }, "assign"),
            _ => (e with { Notes = notes }, "note"),
        };

        var change = new EventChange(a.Kind, changed, at) { Operator = who, Source = a.Source, Note = note };
        return (change, new AuditEntry(at, who, a.Source, verb, e.Id, note));
    }

    private static ArgumentException Refused(SecurityEvent e, string verb, string why) =>
        new($"cannot {verb} event '{e.Id}': it is {e.State}"
            + (e.State == EventState.Resolved ? $" (by {e.ResolvedBy} at {e.ResolvedAt:O})" : e.State == EventState.Acknowledged ? $" (by {e.AcknowledgedBy} at {e.AcknowledgedAt:O})" : string.Empty)
            + $"; {why}");
}
