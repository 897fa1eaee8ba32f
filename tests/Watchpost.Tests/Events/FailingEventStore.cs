using Watchpost.Events;

namespace Watchpost.Tests.Events;

/// <summary>A real store whose writes throw what a full disk throws while <see cref="Failing"/> is set; reads go through.</summary>
internal sealed class FailingEventStore(IEventStore inner) : IEventStore
{
    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public Task<OutboxMessage?> AddAsync(SecurityEvent securityEvent, byte[]? snapshotJpeg, OutboxMessage? alert, CancellationToken cancellationToken = default) =>
        Failing ? throw Full() : inner.AddAsync(securityEvent, snapshotJpeg, alert, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage?>> AddBatchAsync(IReadOnlyList<EventWrite> writes, CancellationToken cancellationToken = default) =>
        Failing ? throw Full() : inner.AddBatchAsync(writes, cancellationToken);

    public Task<bool> UpdateAsync(EventLifecycleUpdate update, CancellationToken cancellationToken = default) =>
        Failing ? throw Full() : inner.UpdateAsync(update, cancellationToken);

    public Task<double?> SnapshotQualityAsync(string eventId, CancellationToken cancellationToken = default) => inner.SnapshotQualityAsync(eventId, cancellationToken);

    public Task<SecurityEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default) => inner.GetAsync(eventId, cancellationToken);

    public Task<IReadOnlyList<SecurityEvent>> ListRecentAsync(int limit, string? cameraId = null, CancellationToken cancellationToken = default) =>
        inner.ListRecentAsync(limit, cameraId, cancellationToken);

    public Task<Stream?> OpenSnapshotAsync(string eventId, CancellationToken cancellationToken = default) => inner.OpenSnapshotAsync(eventId, cancellationToken);

    private static IOException Full() => new("No space left on device : 'watchpost-log.db'");
}
