using Watchpost.Events;

namespace Watchpost.Tests.Events;

/// <summary>A real store whose writes wait at a gate until the test opens it: a stand-in for a very slow disk.</summary>
internal sealed class GatedEventStore(IEventStore inner) : IEventStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>Writes that have reached the gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Open() => _gate.TrySetResult();

    public async Task<OutboxMessage?> AddAsync(SecurityEvent securityEvent, byte[]? snapshotJpeg, OutboxMessage? alert, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _waiting);
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.AddAsync(securityEvent, snapshotJpeg, alert, cancellationToken);
    }

    public Task<bool> UpdateAsync(EventLifecycleUpdate update, CancellationToken cancellationToken = default) => inner.UpdateAsync(update, cancellationToken);

    public Task<double?> SnapshotQualityAsync(string eventId, CancellationToken cancellationToken = default) => inner.SnapshotQualityAsync(eventId, cancellationToken);

    public Task<SecurityEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default) => inner.GetAsync(eventId, cancellationToken);

    public Task<IReadOnlyList<SecurityEvent>> ListRecentAsync(int limit, string? cameraId = null, CancellationToken cancellationToken = default) =>
        inner.ListRecentAsync(limit, cameraId, cancellationToken);

    public Task<Stream?> OpenSnapshotAsync(string eventId, CancellationToken cancellationToken = default) => inner.OpenSnapshotAsync(eventId, cancellationToken);
}
