using System.Text.Json;
using Watchpost.Events;

namespace Watchpost.Mqtt;

/// <summary>
/// The MQTT side of <see cref="IEventMessageComposer"/>: a started event gives its alert on <c>alerts</c> and a
/// "start" lifecycle message on <c>events</c>; every later change (new figures, the end, an operator's
/// acknowledgement, note, assignment or resolution) gives one lifecycle message. All QoS 1, not retained, each
/// with its own message id (inside the payload too), which the outbox keeps across re-sends.
/// </summary>
public sealed class MqttEventMessageComposer : IEventMessageComposer
{
    private readonly AlertMessageFactory _alerts;

    public MqttEventMessageComposer(AlertMessageFactory alerts, string topicPrefix)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPrefix);
        _alerts = alerts;
        EventsTopic = MqttTopics.Events(topicPrefix, alerts.DeviceId);
    }

    public string EventsTopic { get; }

    public IReadOnlyList<OutboxMessage> Compose(EventChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var lifecycle = Lifecycle(change, NewMessageId());
        var message = ToOutbox(lifecycle.MessageId, EventsTopic,
            JsonSerializer.SerializeToUtf8Bytes(lifecycle, AlertJsonContext.Default.EventLifecyclePayload), change.Event.Id, frameReceivedAt: null);
        if (change.Kind != EventChangeKind.Started)
        {
            return [message];
        }

        // The alert first: a controller that only wants alarms subscribes to alerts alone.
        return [_alerts.Create(change.Event, change.FrameReceivedAt), message];
    }

    /// <summary>The lifecycle payload of <paramref name="change"/>.</summary>
    public EventLifecyclePayload Lifecycle(EventChange change, string messageId)
    {
        ArgumentNullException.ThrowIfNull(change);
        var (type, name) = change.Kind switch
        {
            EventChangeKind.Started => ("start", "started"),
            EventChangeKind.Updated => ("update", "updated"),
            EventChangeKind.Ended => ("end", "ended"),
            EventChangeKind.Acknowledged => ("update", "acknowledged"),
            EventChangeKind.Noted => ("update", "noted"),
            EventChangeKind.Assigned => ("update", "assigned"),
            EventChangeKind.Resolved => ("update", "resolved"),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown event change kind"),
        };
        return new EventLifecyclePayload(messageId, _alerts.DeviceId, type, name, change.At, SourceName(change.Source),
            change.Operator, change.Note, EventObject(change));
    }

    /// <summary>The "event" object: the stored event, with the workflow fields this change sets.</summary>
    public EventPayload EventObject(EventChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var e = change.Event;
        var payload = new EventPayload(
            Id: e.Id,
            Type: e.Type,
            Rule: e.RuleId,
            Severity: e.Severity,
            Camera: e.CameraId,
            Zone: e.ZoneId,
            Class: e.ClassName,
            TrackId: e.TrackId,
            Score: MathF.Round(e.Score, 3),
            Box: [.. e.BoxArray.Select(v => MathF.Round(v, 1))],
            StartedAt: e.StartedAt,
            EndedAt: e.EndedAt,
            State: StateName(e.State),
            Details: e.Details,
            SnapshotUrl: e.SnapshotId is null ? null : _alerts.SnapshotUrl(e.Id),
            EventUrl: _alerts.EventUrl(e.Id));

        // The stored workflow first; the change's own time and operator stand in for a store that has not set them.
        payload = payload with
        {
            AcknowledgedAt = e.AcknowledgedAt,
            AcknowledgedBy = e.AcknowledgedBy,
            AssignedTo = e.AssignedTo,
            ResolvedAt = e.ResolvedAt,
            ResolvedBy = e.ResolvedBy,
        };
        return change.Kind switch
        {
            EventChangeKind.Acknowledged => payload with { AcknowledgedAt = payload.AcknowledgedAt ?? change.At, AcknowledgedBy = payload.AcknowledgedBy ?? change.Operator },
            EventChangeKind.Assigned => payload with { AssignedTo = payload.AssignedTo ?? change.Note },
            EventChangeKind.Resolved => payload with { ResolvedAt = payload.ResolvedAt ?? change.At, ResolvedBy = payload.ResolvedBy ?? change.Operator },
            _ => payload,
        };
    }

    internal static string StateName(EventState state) => state switch
    {
        EventState.New => "new",
        EventState.Acknowledged => "acknowledged",
        EventState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown event state"),
    };

    private static string SourceName(ChangeSource source) => source.ToString().ToLowerInvariant();

    private static string NewMessageId() => Guid.CreateVersion7().ToString("N");

    private static OutboxMessage ToOutbox(string messageId, string topic, byte[] payload, string eventId, DateTime? frameReceivedAt) =>
        new(0, messageId, topic, payload, QualityOfService: 1, Retain: false, Attempts: 0,
            CreatedAt: UtcTime.ToMilliseconds(DateTimeOffset.UtcNow),
            FrameReceivedAt: frameReceivedAt is { } received ? UtcTime.ToMilliseconds(received) : null, EventId: eventId);
}
