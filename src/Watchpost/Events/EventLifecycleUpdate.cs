using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>
/// A change to a stored event after it started: new figures, a better snapshot (with the box and score it
/// shows), or its end. Fields left null are left as they are.
/// </summary>
public sealed record EventLifecycleUpdate(string EventId)
{
    public IReadOnlyDictionary<string, object>? Details { get; init; }

    /// <summary>Replaces the stored snapshot (the new view is better); stored under "snapshots/&lt;event id&gt;.jpg".</summary>
    public byte[]? SnapshotJpeg { get; init; }

    /// <summary>How good <see cref="SnapshotJpeg"/> is; stored so that later views are compared with it.</summary>
    public double? SnapshotQuality { get; init; }

    public BoundingBox? Box { get; init; }

    public float? Score { get; init; }

    public DateTime? EndedAt { get; init; }

    /// <summary>The object's path up to this step (it replaces the stored one, which it extends).</summary>
    public IReadOnlyList<float[]>? Path { get; init; }

    /// <summary>Outbox messages announcing the change (the lifecycle message), stored in the same transaction.</summary>
    public IReadOnlyList<OutboxMessage> Messages { get; init; } = [];
}
