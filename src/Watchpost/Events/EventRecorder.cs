using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Watchpost.Mqtt;

namespace Watchpost.Events;

/// <summary>
/// Takes event candidates from the pipeline without blocking it and, on its own background loop, renders each
/// snapshot, stores the event with its alert in the outbox (one transaction) and wakes the publisher. Under a
/// burst, what is queued is taken as a batch: snapshots rendered in parallel, all stored in one transaction,
/// alerts enqueued in the order the candidates came. Stored
/// events are pushed to live subscribers (the console). Use it from the Generic Host (IHostedService) or call
/// <see cref="StartAsync"/> / <see cref="StopAsync"/> directly; stopping records what is still queued.
/// </summary>
public sealed class EventRecorder : IHostedService, IAsyncDisposable
{
    /// <summary>Most queued candidates recorded together (rendered in parallel, stored in one transaction).</summary>
    private const int MaxBatch = 32;

    private readonly IEventStore _store;
    private readonly AlertMessageFactory _alerts;
    private readonly SnapshotRenderer _renderer;
    private readonly ILogger<EventRecorder> _logger;
    private readonly IOutboxSignal? _outboxSignal;
    private readonly EventRecorderSettings _settings;
    private readonly ResiliencePipeline _storePipeline;
    private readonly Channel<EventCandidate> _queue = Channel.CreateUnbounded<EventCandidate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Channel<SecurityEvent>, byte> _subscribers = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;
    private int _queuedFrames;
    private long _recorded;
    private long _snapshotsDropped;
    private long _lost;

    public EventRecorder(IEventStore store, AlertMessageFactory alerts, SnapshotRenderer renderer, ILogger<EventRecorder> logger,
        IOutboxSignal? outboxSignal = null, AlertLatencyStats? latency = null, EventRecorderSettings? settings = null)
    {
        _store = store;
        _alerts = alerts;
        _renderer = renderer;
        _logger = logger;
        _outboxSignal = outboxSignal;
        Latency = latency ?? new AlertLatencyStats();
        _settings = settings ?? new EventRecorderSettings();
        _storePipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = Math.Max(1, _settings.StoreAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = _settings.StoreRetryDelay,
            })
            .Build();
    }

    /// <summary>Raised on the recorder's loop after an event was stored (keep handlers short).</summary>
    public event EventHandler<SecurityEvent>? EventStored;

    /// <summary>Frame-to-alert latency (frame read to broker acknowledgement), filled in by the publisher.</summary>
    public AlertLatencyStats Latency { get; }

    /// <summary>Events stored since start.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Events stored without their snapshot because too many frames were queued.</summary>
    public long SnapshotsDropped => Interlocked.Read(ref _snapshotsDropped);

    /// <summary>Events that could not be stored at all (the store kept failing): each one is logged as an error.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Candidates waiting to be recorded.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>
    /// Queues a candidate and returns at once (never blocks the frame loop). The recorder takes ownership of the
    /// candidate and its frame in every case; false only after the recorder was stopped (the candidate is disposed).
    /// </summary>
    public bool TryRecord(EventCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Frame is not null)
        {
            if (Interlocked.Increment(ref _queuedFrames) > _settings.MaxQueuedFrames)
            {
                Interlocked.Decrement(ref _queuedFrames);
                candidate.ReleaseFrame();
                var dropped = Interlocked.Increment(ref _snapshotsDropped);
                if (dropped == 1 || dropped % 100 == 0)
                {
                    _logger.LogWarning("Event recorder is behind ({Queued} snapshots queued): recording event of rule {Rule} on camera {Camera} without a snapshot ({Dropped} so far)",
                        _settings.MaxQueuedFrames, candidate.RuleId, candidate.CameraId, dropped);
                }
            }
        }

        if (_queue.Writer.TryWrite(candidate))
        {
            return true;
        }

        if (candidate.Frame is not null)
        {
            Interlocked.Decrement(ref _queuedFrames);
        }

        candidate.Dispose();
        return false;
    }

    /// <summary>Stored events as they happen, until <paramref name="cancellationToken"/> fires (one call = one subscriber).</summary>
    public async IAsyncEnumerable<SecurityEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<SecurityEvent>(new BoundedChannelOptions(_settings.SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers.TryAdd(channel, 0);
        try
        {
            await foreach (var securityEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return securityEvent;
            }
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking candidates and records those already queued; <paramref name="cancellationToken"/> cuts that short.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is null)
        {
            DisposeQueued();
            return;
        }

        using var hardStop = cancellationToken.Register(_abort.Cancel);
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryComplete();
        }

        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<EventCandidate>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            // Whatever a burst has queued goes together: snapshots rendered in parallel, one store transaction.
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var candidate))
            {
                if (candidate.Frame is not null)
                {
                    Interlocked.Decrement(ref _queuedFrames);
                }

                batch.Add(candidate);
            }

            try
            {
                if (_abort.IsCancellationRequested)
                {
                    foreach (var candidate in batch)
                    {
                        Interlocked.Increment(ref _lost);
                        _logger.LogError("Shutdown cut short: event of rule {Rule} on camera {Camera} at {StartedAt:O} was not recorded", candidate.RuleId, candidate.CameraId, candidate.StartedAt);
                    }
                }
                else
                {
                    await RecordBatchAsync(batch, _abort.Token);
                }
            }
            catch (Exception ex)
            {
                // Only after the batch was stored (announcing it failed): the loop must go on.
                _logger.LogError(ex, "Announcing {Count} stored events failed", batch.Count);
            }
            finally
            {
                foreach (var candidate in batch)
                {
                    candidate.Dispose();
                }

                batch.Clear();
            }
        }
    }

    private async Task RecordBatchAsync(List<EventCandidate> batch, CancellationToken cancellationToken)
    {
        // New events first (one transaction), then the updates and ends, which may refer to them.
        var starts = batch.Where(c => c.Phase == EventPhase.Started).ToList();
        if (starts.Count > 0)
        {
            await RecordStartsAsync(starts, cancellationToken);
        }

        foreach (var candidate in batch.Where(c => c.Phase != EventPhase.Started))
        {
            try
            {
                await ApplyLifecycleAsync(candidate, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("The {Phase} step of event {EventId} (rule {Rule}) could not be stored: {Reason}", candidate.Phase, candidate.EventId, candidate.RuleId, ex.Message);
            }
        }
    }

    /// <summary>An update keeps the best snapshot (it replaces the stored one only when its view is better); an end stores ended_at.</summary>
    private async Task ApplyLifecycleAsync(EventCandidate candidate, CancellationToken cancellationToken)
    {
        if (candidate.EventId is not { } eventId)
        {
            return;
        }

        var update = new EventLifecycleUpdate(eventId)
        {
            Details = candidate.Details,
            EndedAt = candidate.Phase == EventPhase.Ended ? UtcTime.ToMilliseconds(candidate.FrameReceivedAt) : null,
        };
        if (candidate.Frame is not null && candidate.SnapshotQuality > (await _store.SnapshotQualityAsync(eventId, cancellationToken) ?? 0)
            && RenderSnapshot(candidate) is { } jpeg)
        {
            update = update with { SnapshotJpeg = jpeg, SnapshotQuality = candidate.SnapshotQuality, Box = candidate.Box, Score = candidate.Score };
        }

        candidate.ReleaseFrame();
        if (!await _storePipeline.ExecuteAsync(async ct => await _store.UpdateAsync(update, ct), cancellationToken))
        {
            _logger.LogDebug("Event {EventId} is not stored (it was not recorded); its {Phase} step is dropped", eventId, candidate.Phase);
        }
    }

    private async Task RecordStartsAsync(List<EventCandidate> batch, CancellationToken cancellationToken)
    {
        var jpegs = new byte[]?[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => jpegs[i] = RenderSnapshot(batch[i]));
        var writes = new List<EventWrite>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var securityEvent = NewEvent(batch[i], jpegs[i] is not null);
            writes.Add(new EventWrite(securityEvent, jpegs[i], _alerts.Create(securityEvent, batch[i].FrameReceivedAt.UtcDateTime), batch[i].SnapshotQuality));
        }

        if (writes.Count > 1)
        {
            var stored = false;
            try
            {
                await _store.AddBatchAsync(writes, cancellationToken);
                stored = true;
            }
            catch (Exception ex)
            {
                // Nothing of the batch was stored (one transaction): record its events one by one, so one that
                // cannot be stored (or only without its snapshot) does not take the others with it.
                if (ex is not OperationCanceledException)
                {
                    _logger.LogWarning("Storing a batch of {Count} events failed ({Reason}); storing them one by one", writes.Count, ex.Message);
                }
            }

            if (stored)
            {
                foreach (var write in writes)
                {
                    Stored(write.Event);
                }

                return;
            }
        }

        for (var i = 0; i < writes.Count; i++)
        {
            try
            {
                await RecordAsync(writes[i].Event, writes[i].SnapshotJpeg, batch[i], cancellationToken);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _lost);
                _logger.LogError(ex, "Event of rule {Rule} on camera {Camera} at {StartedAt:O} could not be recorded", batch[i].RuleId, batch[i].CameraId, batch[i].StartedAt);
            }
        }
    }

    private static SecurityEvent NewEvent(EventCandidate candidate, bool hasSnapshot)
    {
        var id = candidate.EventId ?? Guid.CreateVersion7().ToString("N");
        return new SecurityEvent(
            Id: id,
            StartedAt: UtcTime.ToMilliseconds(candidate.StartedAt),
            RecordedAt: UtcTime.ToMilliseconds(DateTimeOffset.UtcNow),
            StreamTimestamp: candidate.StreamTimestamp,
            CameraId: candidate.CameraId,
            ZoneId: candidate.ZoneId,
            RuleId: candidate.RuleId,
            Type: candidate.Type,
            Severity: candidate.Severity,
            ClassName: candidate.ClassName,
            TrackId: candidate.TrackId,
            Score: candidate.Score,
            Box: candidate.Box,
            SnapshotId: hasSnapshot ? $"snapshots/{id}.jpg" : null,
            State: EventState.New,
            Details: candidate.Details);
    }

    private async Task RecordAsync(SecurityEvent securityEvent, byte[]? jpeg, EventCandidate candidate, CancellationToken cancellationToken)
    {
        try
        {
            await StoreAsync(securityEvent, jpeg, candidate, cancellationToken);
        }
        catch (Exception ex) when (jpeg is not null && ex is not OperationCanceledException)
        {
            // Maybe the snapshot is what does not fit (a full disk): the event and its alert matter more.
            _logger.LogWarning("Storing event {EventId} with its snapshot failed ({Reason}); storing it without", securityEvent.Id, ex.Message);
            securityEvent = securityEvent with { SnapshotId = null };
            await _store.AddAsync(securityEvent, null, _alerts.Create(securityEvent, candidate.FrameReceivedAt.UtcDateTime), cancellationToken);
        }

        Stored(securityEvent);
    }

    private void Stored(SecurityEvent securityEvent)
    {
        Interlocked.Increment(ref _recorded);
        _outboxSignal?.OutboxChanged();
        Publish(securityEvent);
    }

    private async Task StoreAsync(SecurityEvent securityEvent, byte[]? jpeg, EventCandidate candidate, CancellationToken cancellationToken)
    {
        // A new alert (new message id) per attempt is fine: a failed attempt was rolled back with its transaction.
        await _storePipeline.ExecuteAsync(
            async ct => await _store.AddBatchAsync([new EventWrite(securityEvent, jpeg, _alerts.Create(securityEvent, candidate.FrameReceivedAt.UtcDateTime), candidate.SnapshotQuality)], ct),
            cancellationToken);
    }

    private byte[]? RenderSnapshot(EventCandidate candidate)
    {
        if (candidate.Frame is not { } frame)
        {
            return null;
        }

        try
        {
            return _renderer.Render(frame, candidate.Box, SnapshotRenderer.Label(candidate.ClassName, candidate.TrackId, candidate.Score));
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Snapshot of rule {Rule} on camera {Camera} could not be rendered ({Reason}); recording the event without it", candidate.RuleId, candidate.CameraId, ex.Message);
            return null;
        }
        finally
        {
            candidate.ReleaseFrame();
        }
    }

    private void Publish(SecurityEvent securityEvent)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Writer.TryWrite(securityEvent);
        }

        try
        {
            EventStored?.Invoke(this, securityEvent);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "An EventStored handler failed for event {EventId}", securityEvent.Id);
        }
    }

    private void DisposeQueued()
    {
        while (_queue.Reader.TryRead(out var candidate))
        {
            candidate.Dispose();
        }
    }
}
