using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Ingest;
using Watchpost.Ingest.Motion;
using Watchpost.Tracking;

namespace Watchpost.Hosting;

/// <summary>
/// One camera's hot path: frames from its source go to the shared detector with up to
/// <paramref name="framesInFlight"/> frames in flight, and the results come back in frame order to the
/// camera's own tracker and rules. Each event step (started, updated, ended) is handed to <paramref name="onEvent"/>,
/// which must not block; when the camera stops, its open events are ended.
/// </summary>
/// <param name="frameSizeCheck">Called with the first frame's size (zones and lines must lie inside it); may throw to stop the camera.</param>
/// <param name="framesInFlight">
/// Enough to keep every detector worker busy from this camera's share of them; more only adds queueing delay.
/// </param>
/// <param name="snapshots">Offered each processed frame, for the console's current-frame snapshot; none when null.</param>
/// <param name="scene">The camera's zones, lines and privacy masks as drawn and blurred in what leaves as a picture; none when null.</param>
/// <param name="liveView">Offered each processed frame with its tracks, for the console's live view; none when null.</param>
public sealed class CameraPipeline(
    CameraOptions camera,
    IFrameSource source,
    IDetectionService detector,
    IObjectTracker tracker,
    CameraRuleEngine rules,
    Action<BehaviourEvent, VideoFrame?> onEvent,
    int framesInFlight,
    ILogger logger,
    Action<int, int>? frameSizeCheck = null,
    FrameTap? snapshots = null,
    CameraScene? scene = null,
    LiveViewRenderer? liveView = null)
{
    private CameraRuleEngine _rules = rules;
    private CameraScene _scene = scene ?? CameraScene.Empty;
    private CameraRuleEngine? _nextRules;
    private readonly TimeSpan _detectInterval = camera.DetectFps > 0 ? TimeSpan.FromSeconds(1 / camera.DetectFps) : TimeSpan.Zero;

    public IFrameSource Source => source;

    /// <summary>The camera this pipeline runs.</summary>
    public CameraOptions Camera => camera;

    /// <summary>Live counts per zone and class (safe to read from any thread).</summary>
    public ZoneOccupancy Occupancy => Volatile.Read(ref _rules).Occupancy;

    /// <summary>The width and height of the camera's frames, once the first one is processed.</summary>
    public (int Width, int Height)? FrameSize { get; private set; }

    /// <summary>
    /// Puts new rules (a site reload) in force from the next processed frame, without restarting the camera: the
    /// old engine's open events are ended first, so each event still gets its end.
    /// </summary>
    public void ReplaceRules(CameraRuleEngine next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _nextRules, next);
    }

    /// <summary>The zones, lines and masks in force for pictures (read on the frame loop; replaced by a reload).</summary>
    public CameraScene Scene => Volatile.Read(ref _scene);

    /// <summary>Where each current track has been (read it on the frame loop only, e.g. from <c>onEvent</c>).</summary>
    public TrackPathHistory Paths { get; } = new();

    /// <summary>Puts a reloaded scene (masks, zones and lines to draw) in force from the next frame, without restarting the camera.</summary>
    public void ReplaceScene(CameraScene next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _scene, next);
    }

    /// <summary>Tracks of the last processed frame (for status and the console's live view).</summary>
    public IReadOnlyList<Track> CurrentTracks { get; private set; } = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inFlight = Channel.CreateBounded<(VideoFrame Frame, Task<IReadOnlyList<DetectedObject>> Detections)>(
            new BoundedChannelOptions(Math.Max(1, framesInFlight)) { SingleReader = true, SingleWriter = true });

        // At most framesInFlight frames of this camera at the detector: under overload every camera waits its turn
        // with one fresh frame (the source keeps only the newest, counting what it drops), so shares stay fair and
        // nothing queues behind a camera.
        using var slots = new SemaphoreSlim(Math.Max(1, framesInFlight));
        using var gate = new MotionGate(camera.Motion, source.Counters);
        source.Start(cancellationToken);
        var consumer = ConsumeOrFailAsync(inFlight, slots, gate, cancellationToken);
        try
        {
            var nextDue = TimeSpan.MinValue;
            while (true)
            {
                await slots.WaitAsync(cancellationToken);
                if (!await source.Frames.WaitToReadAsync(cancellationToken))
                {
                    break;
                }

                if (!source.Frames.TryRead(out var frame))
                {
                    slots.Release();
                    continue;
                }

                // A source that selects the detect rate itself (ffmpeg) hands over only frames to detect.
                if (!source.DeliversDetectRate && frame.Timestamp < nextDue)
                {
                    frame.Dispose();
                    slots.Release();
                    continue;
                }

                nextDue = nextDue == TimeSpan.MinValue || frame.Timestamp - nextDue > _detectInterval
                    ? frame.Timestamp + _detectInterval
                    : nextDue + _detectInterval;
                var detections = gate.DetectAsync(frame, detector, cancellationToken);
                try
                {
                    await inFlight.Writer.WriteAsync((frame, detections), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // The detector may be reading the frame: let it finish before the frame goes back to its pool.
                    await Task.WhenAny(detections);
                    frame.Dispose();
                    throw;
                }
                catch (ChannelClosedException)
                {
                    // The consumer failed (awaited below, which rethrows why): stop reading frames.
                    await Task.WhenAny(detections);
                    frame.Dispose();
                    break;
                }
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
            await consumer;
        }
    }

    /// <summary>
    /// Consumes until the stream ends; when tracking or a rule throws, closes the channel so that the frame loop
    /// stops instead of waiting for room that never comes, and gives the queued frames back to their pool.
    /// </summary>
    private async Task ConsumeOrFailAsync(
        Channel<(VideoFrame Frame, Task<IReadOnlyList<DetectedObject>> Detections)> inFlight, SemaphoreSlim slots, MotionGate gate, CancellationToken cancellationToken)
    {
        try
        {
            await ConsumeInOrderAsync(inFlight.Reader, slots, gate, cancellationToken);
        }
        catch (Exception e)
        {
            inFlight.Writer.TryComplete(e);
            slots.Release(); // a frame loop waiting for a slot finds the closed channel and stops
            while (inFlight.Reader.TryRead(out var queued))
            {
                await Task.WhenAny(queued.Detections);
                queued.Frame.Dispose();
            }

            throw;
        }
    }

    private async Task ConsumeInOrderAsync(
        ChannelReader<(VideoFrame Frame, Task<IReadOnlyList<DetectedObject>> Detections)> reader, SemaphoreSlim slots, MotionGate gate,
        CancellationToken cancellationToken)
    {
        var fired = new List<BehaviourEvent>();
        using var motions = new MotionHolder();
        var checkedFrameSize = false;
        var last = TimeSpan.Zero;
        await foreach (var (frame, detections) in reader.ReadAllAsync(CancellationToken.None))
        {
            using (frame)
            {
                IReadOnlyList<DetectedObject>? found;
                try
                {
                    found = await gate.ConfirmAsync(await detections, frame, CurrentTracks, detector, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    continue;
                }
                finally
                {
                    slots.Release(); // the detector is done with this frame: the next one may go
                }

                if (!checkedFrameSize)
                {
                    checkedFrameSize = true;
                    frameSizeCheck?.Invoke(frame.Image.Width, frame.Image.Height);
                    FrameSize = (frame.Image.Width, frame.Image.Height);
                }

                // A plain read per frame; the exchange only when a reload has handed over new rules.
                if (Volatile.Read(ref _nextRules) is not null && Interlocked.Exchange(ref _nextRules, null) is { } next)
                {
                    fired.Clear();
                    _rules.CloseAll(last, fired);
                    Announce(fired, frame);
                    Volatile.Write(ref _rules, next);
                }

                // A frame the motion gate held: nothing moved, so the tracks stay as they were (the rules still see the time pass).
                var tracks = found is null ? CurrentTracks : tracker.Update(frame.Timestamp, AsSpan(found));
                found ??= [];
                CurrentTracks = tracks;
                Paths.Update(tracks, frame.Image.Width, frame.Image.Height);
                fired.Clear();
                var field = motions.For(_rules)?.Update(frame.Image, frame.Timestamp);
                _rules.Evaluate(new RuleFrame(frame.Timestamp, tracks, field, found), frame.ReceivedAt, fired);
                Announce(fired, frame);
                var pictured = Volatile.Read(ref _scene);
                snapshots?.Offer(frame.Image, pictured.Masks);
                if (liveView is { IsWatched: true })
                {
                    liveView.Offer(frame.Image, tracks, pictured);
                }

                last = frame.Timestamp;
                source.Counters.FrameProcessed();
            }
        }

        fired.Clear();
        _rules.CloseAll(last, fired);
        Announce(fired, null);
    }

    /// <summary>The motion field, made when the rules in force first need it (a reload may add a rule that does).</summary>
    private sealed class MotionHolder : IDisposable
    {
        private MotionFieldBuilder? _builder;

        public MotionFieldBuilder? For(CameraRuleEngine engine) => engine.NeedsMotion ? _builder ??= new MotionFieldBuilder() : null;

        public void Dispose() => _builder?.Dispose();
    }

    private void Announce(List<BehaviourEvent> fired, VideoFrame? frame)
    {
        foreach (var behaviourEvent in fired)
        {
            if (behaviourEvent.Phase == RulePhase.Started)
            {
                logger.LogInformation("{Camera}: {Type} by {Class} {Track} (rule {Rule}, {Where}) event {EventId}",
                    camera.Id, behaviourEvent.Rule.Type, behaviourEvent.Signal.ClassName,
                    behaviourEvent.Signal.TrackId is { } track ? $"#{track}" : "group", behaviourEvent.Rule.RuleId,
                    behaviourEvent.Rule.ZoneId ?? behaviourEvent.Rule.LineId ?? "whole frame", behaviourEvent.EventId);
            }

            onEvent(behaviourEvent, frame);
        }
    }

    /// <summary>The detector's list as a span without copying it (it hands out arrays or lists).</summary>
    private static ReadOnlySpan<DetectedObject> AsSpan(IReadOnlyList<DetectedObject> detections) => detections switch
    {
        DetectedObject[] array => array,
        List<DetectedObject> list => CollectionsMarshal.AsSpan(list),
        _ => detections.ToArray(),
    };
}
