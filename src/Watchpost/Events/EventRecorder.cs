using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Watchpost.Events;

/// <summary>
/// Takes event candidates from the pipeline without blocking it and records them on its own loop, store first:
/// each new event is written at once with the messages announcing it (<see cref="IEventMessageComposer"/>, same
/// transaction) and published on the <see cref="EventFeed"/>; its snapshot is rendered afterwards, on a second
/// loop, and attached with a lifecycle update, so the event and its alert are on disk within milliseconds of the
/// rule firing whatever rendering costs. Under a burst, what is queued is written as one batch (one transaction).
/// When the disk is (nearly) full snapshots are dropped and counted; when the database cannot take a write at all,
/// events and their messages are held in memory (<see cref="HeldEvents"/>), still published and still sent (the
/// sender's outbox lists them), and written to the database when it can take them again. Use it from the Generic
/// Host (IHostedService) or call <see cref="StartAsync"/> / <see cref="StopAsync"/>; stopping records what is queued.
/// </summary>
public sealed class EventRecorder : IHostedService, IAsyncDisposable
{
    /// <summary>Most queued candidates recorded together (stored in one transaction).</summary>
    private const int MaxBatch = 32;

    /// <summary>Most held operations written back per round.</summary>
    private const int MaxFlush = 256;

    private readonly IEventStore _store;
    private readonly IEventMessageComposer _composer;
    private readonly ISnapshotRenderer _renderer;
    private readonly EventFeed _feed;
    private readonly ILogger<EventRecorder> _logger;
    private readonly EventRecorderSettings _settings;
    private readonly StorageSpace? _space;
    private readonly Channel<EventCandidate> _queue = Channel.CreateUnbounded<EventCandidate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SnapshotJob> _snapshots = Channel.CreateUnbounded<SnapshotJob>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;
    private Task<bool>? _waiting;
    private long _nextFlushAt;
    private bool _holding;
    private volatile bool _writing;
    private int _pending;
    private int _queuedFrames;
    private long _recorded;
    private long _snapshotsDropped;
    private long _lost;

    /// <param name="space">Free-space checks of the storage folder; null = none (the store's failures are still handled).</param>
    /// <param name="held">Where events wait while the database cannot take them; null = a private one of <see cref="EventRecorderSettings.MaxHeldInMemory"/>.</param>
    public EventRecorder(IEventStore store, IEventMessageComposer composer, ISnapshotRenderer renderer, EventFeed feed, ILogger<EventRecorder> logger,
        AlertLatencyStats? latency = null, EventRecorderSettings? settings = null, StorageSpace? space = null, HeldEvents? held = null)
    {
        _store = store;
        _composer = composer;
        _renderer = renderer;
        _feed = feed;
        _logger = logger;
        _space = space;
        Latency = latency ?? new AlertLatencyStats();
        _settings = settings ?? new EventRecorderSettings();
        Held = held ?? new HeldEvents(_settings.MaxHeldInMemory);
    }

    /// <summary>Frame-to-alert latency (frame read to broker acknowledgement), filled in by the sender.</summary>
    public AlertLatencyStats Latency { get; }

    /// <summary>Events and steps waiting in memory for the database.</summary>
    public HeldEvents Held { get; }

    /// <summary>Events written to the database since start (including those written after waiting in memory).</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Snapshots not stored: too many frames queued, disk full, database unavailable, or rendering failed.</summary>
    public long SnapshotsDropped => Interlocked.Read(ref _snapshotsDropped);

    /// <summary>Events neither stored nor held (memory full, shutdown cut short): each one is logged as an error.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Candidates waiting to be recorded.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Queues a candidate and returns at once (never blocks the frame loop). The recorder takes ownership of the
    /// candidate and its frame in every case; false only after the recorder was stopped (the candidate is disposed).
    /// </summary>
    public bool TryRecord(EventCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Frame is not null && Interlocked.Increment(ref _queuedFrames) > _settings.MaxQueuedFrames)
        {
            Interlocked.Decrement(ref _queuedFrames);
            candidate.ReleaseFrame();
            var dropped = Interlocked.Increment(ref _snapshotsDropped);
            if (dropped == 1 || dropped % 100 == 0)
            {
                _logger.LogWarning("Event recorder is behind ({Queued} snapshots queued): recording event of rule {Rule} on camera {Camera} without a snapshot ({Dropped} dropped so far)",
                    _settings.MaxQueuedFrames, candidate.RuleId, candidate.CameraId, dropped);
            }
        }

        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(candidate))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);

        ReleaseFrame(candidate);
        candidate.Dispose();
        return false;
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
            _snapshots.Writer.TryComplete();
            DisposeQueued();
            return;
        }

        using var hardStop = cancellationToken.Register(_abort.Cancel);
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        // Its own thread, not the pool's: rendering and attaching block, and must never hold up the event writes' continuations.
        var snapshots = Task.Factory.StartNew(RenderLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var batch = new List<EventCandidate>(MaxBatch);
        var handedOver = new HashSet<EventCandidate>(ReferenceEqualityComparer.Instance);
        while (await WaitForWorkAsync())
        {
            await FlushHeldAsync(force: false);
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var candidate))
            {
                _writing = true;
                Interlocked.Decrement(ref _pending);
                batch.Add(candidate);
            }

            try
            {
                if (_abort.IsCancellationRequested)
                {
                    foreach (var candidate in batch.Where(c => c.Phase == EventPhase.Started))
                    {
                        Interlocked.Increment(ref _lost);
                        _logger.LogError("Shutdown cut short: event of rule {Rule} on camera {Camera} at {StartedAt:O} was not recorded", candidate.RuleId, candidate.CameraId, candidate.StartedAt);
                    }
                }
                else if (batch.Count > 0)
                {
                    _writing = true;
                    await RecordBatchAsync(batch, handedOver, _abort.Token);
                }
            }
            catch (Exception ex)
            {
                // A bug, not the store (its failures are handled inside): the loop must go on.
                _logger.LogError(ex, "Recording {Count} events failed", batch.Count);
            }
            finally
            {
                foreach (var candidate in batch.Where(c => !handedOver.Contains(c)))
                {
                    ReleaseFrame(candidate);
                    candidate.Dispose();
                }

                batch.Clear();
                handedOver.Clear();
                _writing = false;
            }
        }

        _snapshots.Writer.TryComplete();
        await snapshots;
        if (!_abort.IsCancellationRequested)
        {
            await FlushHeldAsync(force: true);
        }

        if (Held.Count > 0)
        {
            _logger.LogError("Stopping with {Count} events and steps still held in memory (the database could not take them): they are lost", Held.Count);
        }
    }

    /// <summary>True when candidates are queued; while events are held, also every flush interval (to write them back).</summary>
    private async Task<bool> WaitForWorkAsync()
    {
        _waiting ??= _queue.Reader.WaitToReadAsync(CancellationToken.None).AsTask();
        if (Held.Count > 0 && !_waiting.IsCompleted)
        {
            await Task.WhenAny(_waiting, Task.Delay(_settings.FlushInterval));
            if (!_waiting.IsCompleted)
            {
                return true;
            }
        }

        var more = await _waiting;
        _waiting = null;
        return more;
    }

    private async Task RecordBatchAsync(List<EventCandidate> batch, HashSet<EventCandidate> handedOver, CancellationToken cancellationToken)
    {
        // New events first (one transaction), then the updates and ends, which may refer to them.
        var starts = batch.Where(c => c.Phase == EventPhase.Started).ToList();
        if (starts.Count > 0)
        {
            await RecordStartsAsync(starts, handedOver, cancellationToken);
        }

        foreach (var candidate in batch.Where(c => c.Phase != EventPhase.Started))
        {
            await RecordStepAsync(candidate, handedOver, cancellationToken);
        }
    }

    private async Task RecordStartsAsync(List<EventCandidate> batch, HashSet<EventCandidate> handedOver, CancellationToken cancellationToken)
    {
        var level = _space?.Check() ?? StorageSpaceLevel.Ok;
        var now = UtcTime.ToMilliseconds(DateTimeOffset.UtcNow);
        if (level != StorageSpaceLevel.Ok || Held.Count > 0)
        {
            // Disk full or database unavailable: the snapshots would not be stored, and the alerts must not link to them.
            foreach (var candidate in batch)
            {
                DropSnapshot(candidate);
            }
        }

        var events = batch.Select(c => NewEvent(c, c.Frame is not null)).ToList();
        if (Held.Count == 0 && level != StorageSpaceLevel.Critical)
        {
            var changes = events.Select((e, i) => Started(e, batch[i], now)).ToList();
            var writes = changes.Select((c, i) => new EventWrite(c.Event, null, Compose(c), batch[i].SnapshotQuality)).ToList();
            try
            {
                await _store.AddBatchAsync(writes, cancellationToken);
                Interlocked.Add(ref _recorded, writes.Count);
                for (var i = 0; i < batch.Count; i++)
                {
                    Publish(changes[i]);
                    if (batch[i].Frame is not null && _snapshots.Writer.TryWrite(new SnapshotJob(batch[i], events[i].Id, IsStart: true)))
                    {
                        handedOver.Add(batch[i]);
                    }
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StartHolding($"writing {writes.Count} events failed: {ex.Message}");
                foreach (var candidate in batch)
                {
                    DropSnapshot(candidate);
                }
            }
        }
        else
        {
            StartHolding(level == StorageSpaceLevel.Critical ? $"{_space?.FreeBytes} bytes free, under the {_space?.FloorBytes}-byte floor" : "earlier events are still held");
        }

        for (var i = 0; i < batch.Count; i++)
        {
            // Composed again: the event is held without its snapshot, and its alert must say so.
            var change = Started(events[i] with { SnapshotId = null }, batch[i], now);
            if (Held.TryHold(new EventWrite(change.Event, null, Compose(change), batch[i].SnapshotQuality)))
            {
                Publish(change);
            }
            else
            {
                Refused(batch[i]);
            }
        }
    }

    /// <summary>An update's new figures or an end: stored with its lifecycle message; a better view follows as a snapshot job.</summary>
    private async Task RecordStepAsync(EventCandidate candidate, HashSet<EventCandidate> handedOver, CancellationToken cancellationToken)
    {
        if (candidate.EventId is not { } eventId)
        {
            return;
        }

        var current = Held.Latest(eventId);
        if (current is null)
        {
            try
            {
                current = await _store.GetAsync(eventId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogDebug("Event {EventId} cannot be read ({Reason}); its {Phase} step is dropped", eventId, ex.Message, candidate.Phase);
                return;
            }
        }

        if (current is null)
        {
            _logger.LogDebug("Event {EventId} is not stored (it was not recorded); its {Phase} step is dropped", eventId, candidate.Phase);
            return;
        }

        var ended = candidate.Phase == EventPhase.Ended;
        var update = new EventLifecycleUpdate(eventId)
        {
            Details = candidate.Details,
            EndedAt = ended ? UtcTime.ToMilliseconds(candidate.FrameReceivedAt) : null,
            Path = candidate.Path.Count > 0 ? candidate.Path : null,   // the track's history: the stored path and what came since
        };
        var after = current with { Details = update.Details ?? current.Details, EndedAt = update.EndedAt ?? current.EndedAt, Path = update.Path ?? current.Path };
        var change = new EventChange(ended ? EventChangeKind.Ended : EventChangeKind.Updated, after, UtcTime.ToMilliseconds(DateTimeOffset.UtcNow));
        update = update with { Messages = Compose(change) };

        var level = _space?.Check() ?? StorageSpaceLevel.Ok;
        if (Held.Count == 0 && level != StorageSpaceLevel.Critical)
        {
            try
            {
                if (!await _store.UpdateAsync(update, cancellationToken))
                {
                    _logger.LogDebug("Event {EventId} is no longer stored; its {Phase} step is dropped", eventId, candidate.Phase);
                    return;
                }

                Publish(change);
                if (candidate.Frame is not null && level == StorageSpaceLevel.Ok && _snapshots.Writer.TryWrite(new SnapshotJob(candidate, eventId, IsStart: false)))
                {
                    handedOver.Add(candidate);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StartHolding($"writing the {candidate.Phase} step of event {eventId} failed: {ex.Message}");
            }
        }
        else
        {
            StartHolding(level == StorageSpaceLevel.Critical ? $"{_space?.FreeBytes} bytes free, under the {_space?.FloorBytes}-byte floor" : "earlier events are still held");
        }

        if (Held.TryHold(update, after))
        {
            Publish(change);
        }
        else
        {
            Refused(candidate);
        }
    }

    /// <summary>The second loop, on its own thread: renders snapshots and attaches them to their stored events.</summary>
    private void RenderLoop()
    {
        var jobs = new List<SnapshotJob>(MaxBatch);
        var best = new Dictionary<string, double>();
        while (_snapshots.Reader.WaitToReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            while (jobs.Count < MaxBatch && _snapshots.Reader.TryRead(out var job))
            {
                jobs.Add(job);
            }

            try
            {
                AttachSnapshots(jobs, best, _abort.Token);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Attaching {Count} snapshots failed", jobs.Count);
            }
            finally
            {
                foreach (var job in jobs)
                {
                    ReleaseFrame(job.Candidate);
                    job.Candidate.Dispose();
                }

                jobs.Clear();
                best.Clear();
            }
        }
    }

    /// <remarks>Synchronous on the render thread: the LiteDB store completes its calls synchronously anyway.</remarks>
    private void AttachSnapshots(List<SnapshotJob> jobs, Dictionary<string, double> best, CancellationToken cancellationToken)
    {
        var level = _space?.Check() ?? StorageSpaceLevel.Ok;
        foreach (var job in jobs)
        {
            if (cancellationToken.IsCancellationRequested || level != StorageSpaceLevel.Ok || Held.Count > 0)
            {
                DropSnapshot(job.Candidate);
                continue;
            }

            var candidate = job.Candidate;
            if (!job.IsStart)
            {
                // A step's view replaces the stored snapshot only when it is better (than the stored one and earlier ones here).
                if (!best.TryGetValue(job.EventId, out var bar))
                {
                    bar = _store.SnapshotQualityAsync(job.EventId, cancellationToken).GetAwaiter().GetResult() ?? 0;
                }

                if (candidate.SnapshotQuality <= bar)
                {
                    continue;
                }
            }

            best[job.EventId] = candidate.SnapshotQuality;
            YieldToEvents(cancellationToken);
            if (RenderSnapshot(candidate) is not { } jpeg)
            {
                Interlocked.Increment(ref _snapshotsDropped);
                continue;
            }

            var update = new EventLifecycleUpdate(job.EventId) { SnapshotJpeg = jpeg, SnapshotQuality = candidate.SnapshotQuality };
            if (!job.IsStart)
            {
                update = update with { Box = candidate.Box, Score = candidate.Score };
            }

            try
            {
                // Checked again per snapshot: a burst of them can fill the last megabytes.
                level = _space?.Check() ?? StorageSpaceLevel.Ok;
                if (level != StorageSpaceLevel.Ok)
                {
                    Interlocked.Increment(ref _snapshotsDropped);
                    continue;
                }

                YieldToEvents(cancellationToken);
                if (_store.UpdateAsync(update, cancellationToken).GetAwaiter().GetResult()
                    && _store.GetAsync(job.EventId, cancellationToken).GetAwaiter().GetResult() is { } stored)
                {
                    // The event went out before its picture; a console showing it fetches the picture now.
                    Publish(new EventChange(EventChangeKind.SnapshotAttached, stored, DateTime.UtcNow));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _snapshotsDropped);
                _logger.LogWarning("Snapshot of event {EventId} could not be stored ({Reason}); the event keeps none", job.EventId, ex.Message);
            }
        }
    }

    /// <summary>
    /// Events go first: a snapshot waits while candidates are queued or being written (the store takes one write at
    /// a time), but at most 100 ms, so that a steady stream of events does not starve the snapshots for good.
    /// </summary>
    private void YieldToEvents(CancellationToken cancellationToken)
    {
        var until = Environment.TickCount64 + 100;
        while ((_writing || Volatile.Read(ref _pending) > 0) && !cancellationToken.IsCancellationRequested && Environment.TickCount64 < until)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>Writes what is held in memory to the database, oldest first, when there is room (at most once per flush interval unless forced).</summary>
    private async Task FlushHeldAsync(bool force)
    {
        if (Held.Count == 0 || (!force && Environment.TickCount64 < _nextFlushAt))
        {
            return;
        }

        _nextFlushAt = Environment.TickCount64 + (long)_settings.FlushInterval.TotalMilliseconds;
        if ((_space?.Check() ?? StorageSpaceLevel.Ok) == StorageSpaceLevel.Critical)
        {
            return;
        }

        var written = 0;
        while (Held.Count > 0)
        {
            var operations = Held.BeginFlush(MaxFlush);
            var next = 0;
            try
            {
                while (next < operations.Count)
                {
                    // Room is checked before each transaction: LiteDB must never meet the end of the disk (see StorageSpace).
                    if ((_space?.Check() ?? StorageSpaceLevel.Ok) == StorageSpaceLevel.Critical)
                    {
                        Held.FlushFailed(operations.Skip(next).ToList());
                        return;
                    }

                    // Consecutive new events in one (small) transaction; steps one by one, in order.
                    var group = operations.Skip(next).Take(MaxBatch).TakeWhile(o => o.Write is not null).ToList();
                    if (group.Count > 0)
                    {
                        await _store.AddBatchAsync(group.Select(o => o.Write! with { Messages = o.MessagesToStore() }).ToList(), CancellationToken.None);
                        Interlocked.Add(ref _recorded, group.Count);
                        written += group.Count;
                    }
                    else
                    {
                        group = [operations[next]];
                        await _store.UpdateAsync(group[0].Update! with { Messages = group[0].MessagesToStore() }, CancellationToken.None);
                    }

                    Held.Flushed(group);
                    next += group.Count;
                }
            }
            catch (Exception ex)
            {
                Held.FlushFailed(operations.Skip(next).ToList());
                _logger.LogDebug("Writing held events to the database failed ({Reason}); {Count} still held", ex.Message, Held.Count);
                return;
            }
        }

        _holding = false;
        _logger.LogWarning("Event database writable again: {Count} events held in memory are written to it", written);
    }

    private void StartHolding(string reason)
    {
        if (!_holding)
        {
            _holding = true;
            _logger.LogWarning("Event database cannot take writes ({Reason}): events and alerts are held in memory (up to {Capacity}) and still sent",
                reason, Held.Capacity);
        }
    }

    private void Refused(EventCandidate candidate)
    {
        if (candidate.Phase != EventPhase.Started)
        {
            return;
        }

        var lost = Interlocked.Increment(ref _lost);
        if (lost == 1 || lost % 100 == 0)
        {
            _logger.LogError("Event of rule {Rule} on camera {Camera} at {StartedAt:O} was not recorded: the database cannot take it and {Capacity} events are already held in memory ({Lost} lost so far)",
                candidate.RuleId, candidate.CameraId, candidate.StartedAt, Held.Capacity, lost);
        }
    }

    private static EventChange Started(SecurityEvent securityEvent, EventCandidate candidate, DateTime now) =>
        new(EventChangeKind.Started, securityEvent, now) { FrameReceivedAt = UtcTime.ToMilliseconds(candidate.FrameReceivedAt) };

    private IReadOnlyList<OutboxMessage> Compose(EventChange change)
    {
        try
        {
            return _composer.Compose(change);
        }
        catch (Exception ex)
        {
            // A bug in the composer must not cost the event its place in the log.
            _logger.LogError(ex, "Composing the messages of the {Kind} change of event {EventId} failed; it is stored without them", change.Kind, change.Event.Id);
            return [];
        }
    }

    private void Publish(EventChange change)
    {
        try
        {
            _feed.Publish(change);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Publishing the {Kind} change of event {EventId} failed", change.Kind, change.Event.Id);
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
            Details: candidate.Details)
        {
            Path = candidate.Path,
        };
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
            _logger.LogWarning("Snapshot of rule {Rule} on camera {Camera} could not be rendered ({Reason}); the event keeps none", candidate.RuleId, candidate.CameraId, ex.Message);
            return null;
        }
        finally
        {
            ReleaseFrame(candidate);
        }
    }

    /// <summary>Gives up a candidate's frame, counting the snapshot as dropped.</summary>
    private void DropSnapshot(EventCandidate candidate)
    {
        if (candidate.Frame is not null)
        {
            ReleaseFrame(candidate);
            Interlocked.Increment(ref _snapshotsDropped);
        }
    }

    /// <summary>Disposes a candidate's frame and frees its place among the queued frames (once).</summary>
    private void ReleaseFrame(EventCandidate candidate)
    {
        if (candidate.Frame is not null)
        {
            candidate.ReleaseFrame();
            Interlocked.Decrement(ref _queuedFrames);
        }
    }

    private void DisposeQueued()
    {
        while (_queue.Reader.TryRead(out var candidate))
        {
            Interlocked.Decrement(ref _pending);
            ReleaseFrame(candidate);
            candidate.Dispose();
        }
    }
}
