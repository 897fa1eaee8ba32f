namespace Watchpost.Events;

/// <summary>
/// A message waiting in the outbox until the broker has acknowledged it. The payload is stored as sent, so a
/// re-send after a reconnect or a restart carries the same message id.
/// </summary>
/// <param name="Sequence">Position in the outbox (assigned by the store; 0 before it is enqueued). Messages go out in this order.</param>
/// <param name="MessageId">Stable id of the message (also inside the payload), for receivers to drop duplicates.</param>
/// <param name="QualityOfService">MQTT QoS level, 0 to 2.</param>
/// <param name="CreatedAt">UTC time the message was enqueued.</param>
/// <param name="FrameReceivedAt">UTC time the triggering frame was read (for the frame-to-alert latency), if known.</param>
public sealed record OutboxMessage(
    long Sequence,
    string MessageId,
    string Topic,
    byte[] Payload,
    int QualityOfService,
    bool Retain,
    int Attempts,
    DateTime CreatedAt,
    DateTime? FrameReceivedAt,
    string? EventId);
