using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Ingest;
using Watchpost.Tracking;

namespace Watchpost.Hosting;

/// <summary>
/// Starts one <see cref="CameraPipeline"/> per enabled camera and keeps each running on its own: a camera whose
/// URL is unusable is reported as failed and the others go on; a pipeline that crashes is restarted.
/// <see cref="ApplyAsync"/> puts a reloaded site in force: new rules, zones, lines and privacy masks in the running
/// pipelines, and changed, added or removed cameras restarted, started or stopped one by one.
/// </summary>
public sealed class CameraSupervisor(
    WatchpostOptions options,
    IDetectionService detector,
    EventRecorder recorder,
    PipelineHeartbeat heartbeat,
    IRuleArming arming,
    ILoggerFactory loggers,
    CameraSnapshots? snapshots = null,
    CameraLiveViews? liveViews = null) : BackgroundService, IRunningSite, ICameraStatusProvider
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggers.CreateLogger<CameraSupervisor>();
    private readonly ConcurrentDictionary<string, CameraPipeline> _pipelines = new();
    private readonly ConcurrentDictionary<string, string> _failed = new();
    private readonly ConcurrentDictionary<string, CameraRun> _runs = new();
    private readonly ConcurrentDictionary<string, CameraRates> _rates = new(StringComparer.Ordinal);
    private readonly IngestGovernor _governor = new(options.Detector.Overload, loggers.CreateLogger<IngestGovernor>());
    private WatchpostOptions _site = options;
    private int _framesInFlight = 1;
    private CancellationToken _stopping = new(canceled: true);

    /// <summary>The site in force (the one started with, or the last reload applied).</summary>
    public WatchpostOptions Site => Volatile.Read(ref _site);

    public IReadOnlyList<CameraStatus> Status() =>
        [.. Site.Cameras.Where(c => c.Enabled).Select(camera => _pipelines.TryGetValue(camera.Id, out var pipeline)
            ? new CameraStatus(camera.Id, camera.Name, pipeline.Source.State, pipeline.Source.LastError,
                pipeline.Source.Counters.FramesIn, pipeline.Source.Counters.FramesProcessed, pipeline.Source.Counters.FramesDropped,
                pipeline.Source.Counters.Reconnects, pipeline.CurrentTracks.Count, pipeline.Occupancy.Snapshot())
            {
                Fps = Rates(camera.Id).Fps,
                DetectPerSecond = Rates(camera.Id).ProcessedPerSecond,
                DetectTarget = camera.DetectFps > 0 ? camera.DetectFps : null,
                Shortfall = Rates(camera.Id).ShortfallOf(camera, pipeline.Source),
                IngestFps = pipeline.Source.Reduction?.Fps,
                DecodeCpuCores = Rates(camera.Id).DecoderCpuCores(pipeline.Source),
                FramesGated = pipeline.Source.Counters.FramesGated,
            }
            : new CameraStatus(camera.Id, camera.Name, CameraState.Failed, _failed.GetValueOrDefault(camera.Id, "not started"), 0, 0, 0, 0, 0, []))];

    private CameraRates Rates(string cameraId) => _rates.GetOrAdd(cameraId, _ => new CameraRates());

    /// <summary>Each running network camera's ffmpeg reader process (bench charges its CPU to the camera's decode).</summary>
    internal IReadOnlyDictionary<string, int> ReaderProcessIds() =>
        _pipelines.Select(p => (p.Key, Pid: (p.Value.Source as FfmpegFrameSource)?.ReaderProcessId))
            .Where(p => p.Pid is not null).ToDictionary(p => p.Key, p => p.Pid!.Value, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cameras = Site.Cameras.Where(c => c.Enabled).ToList();

        // One camera alone keeps every worker busy; many cameras share them (ceil(workers / cameras) each).
        _framesInFlight = (detector.Parallelism + Math.Max(1, cameras.Count) - 1) / Math.Max(1, cameras.Count);
        _stopping = stoppingToken;
        foreach (var camera in cameras)
        {
            StartRun(camera);
        }

        _logger.LogInformation("Supervising {Count} camera(s) with {Parallelism} detector worker(s)", cameras.Count, detector.Parallelism);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                heartbeat.Beat();
                var governed = new List<GovernedCamera>(_pipelines.Count);
                foreach (var (id, pipeline) in _pipelines)
                {
                    var rates = Rates(id);
                    rates.Sample(pipeline.Source);
                    governed.Add(new GovernedCamera(pipeline.Camera, pipeline.Source, rates.Fps, rates.ProcessedPerSecond, rates.DroppedPerSecond));
                }

                _governor.Tick(governed);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(_runs.Values.Select(r => r.Task));
    }

    /// <summary>
    /// Puts <paramref name="next"/> (validated) in force. First builds the new rule engines of the running cameras
    /// whose rules, zones or lines changed, checking their zones and lines against the camera's frame size (an
    /// error throws <see cref="InvalidConfigurationException"/> and nothing changes); then swaps them in without a
    /// restart, stops removed or changed cameras, and starts added and changed ones (and any that had stopped for
    /// good, e.g. on a zone outside its frame, whose rules changed).
    /// </summary>
    /// <returns>What was done per camera: "rules replaced", "masks replaced" (only the scene: masks), "restarted", "started", "stopped".</returns>
    public async Task<IReadOnlyDictionary<string, string>> ApplyAsync(WatchpostOptions next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var before = Site;
        var done = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var oldCameras = before.Cameras.Where(c => c.Enabled).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var newCameras = next.Cameras.Where(c => c.Enabled).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var stop = oldCameras.Keys.Where(id => !newCameras.TryGetValue(id, out var c) || SiteDiff.Json(c) != SiteDiff.Json(oldCameras[id])).ToList();
        var swaps = new List<(string Id, CameraPipeline Pipeline, CameraRuleEngine Engine)>();
        var scenes = new List<(string Id, CameraPipeline Pipeline, CameraScene Scene)>();
        var revive = new List<string>();
        foreach (var (id, camera) in newCameras)
        {
            if (stop.Contains(id) || !oldCameras.ContainsKey(id))
            {
                continue;
            }

            // Masks, zones and lines as pictured: replaced in the running pipeline (a stopped one reads them when it starts).
            if (SiteDiff.CameraScene(before, id) != SiteDiff.CameraScene(next, id) && _pipelines.TryGetValue(id, out var pictured))
            {
                scenes.Add((id, pictured, CameraScene.For(next, id)));
            }

            if (SiteDiff.CameraRules(before, id) == SiteDiff.CameraRules(next, id))
            {
                continue;
            }

            var running = _runs.TryGetValue(id, out var run) && !run.Task.IsCompleted;
            if (!running)
            {
                revive.Add(id);
            }
            else if (_pipelines.TryGetValue(id, out var pipeline))
            {
                if (pipeline.FrameSize is { } size)
                {
                    GeometryCheck.CameraFrame(next, id, size.Width, size.Height, $"camera '{id}' (its frames are {size.Width}x{size.Height})");
                }

                swaps.Add((id, pipeline, NewEngine(next, id)));
            }
        }

        // From here on everything is carried out (no cancellation half-way): the site in force is the new one.
        cancellationToken.ThrowIfCancellationRequested();
        Volatile.Write(ref _site, next);
        foreach (var (id, pipeline, scene) in scenes)
        {
            pipeline.ReplaceScene(scene);
            done[id] = "masks replaced";
        }

        foreach (var (id, pipeline, engine) in swaps)
        {
            pipeline.ReplaceRules(engine);
            done[id] = "rules replaced";
        }

        foreach (var id in stop.Concat(revive))
        {
            await StopRunAsync(id);
            done[id] = "stopped";
        }

        foreach (var (id, camera) in newCameras.Where(c => !oldCameras.ContainsKey(c.Key) || stop.Contains(c.Key) || revive.Contains(c.Key)))
        {
            StartRun(camera);
            done[id] = oldCameras.ContainsKey(id) ? "restarted" : "started";
        }

        return done;
    }

    private CameraRuleEngine NewEngine(WatchpostOptions site, string cameraId) =>
        new(ConfiguredRule.ForCamera(site, cameraId, detector.Labels), arming, ZoneOccupancy.ForCamera(site, cameraId, detector.Labels));

    private void StartRun(CameraOptions camera)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        _failed.TryRemove(camera.Id, out _);
        _runs[camera.Id] = new CameraRun(cancel, SuperviseAsync(camera, _framesInFlight, cancel.Token));
    }

    private async Task StopRunAsync(string cameraId)
    {
        if (!_runs.TryRemove(cameraId, out var run))
        {
            return;
        }

        await run.Cancel.CancelAsync();
        await run.Task;
        run.Cancel.Dispose();
        _pipelines.TryRemove(cameraId, out _);
        _failed.TryRemove(cameraId, out _);
    }

    private async Task SuperviseAsync(CameraOptions camera, int framesInFlight, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var mapper = new EventCandidateMapper();

        while (!stoppingToken.IsCancellationRequested)
        {
            var site = Site;
            var rules = ConfiguredRule.ForCamera(site, camera.Id, detector.Labels);
            IFrameSource source;
            try
            {
                source = FrameSourceFactory.Create(camera, loggers);
            }
            catch (CameraUrlException e)
            {
                // Nothing will make this URL work without a config change: report it and leave the others running.
                _failed[camera.Id] = e.Message;
                _logger.LogError("Camera {Camera} is not started: {Reason}", camera.Id, e.Message);
                return;
            }

            await using (source)
            {
                // A new engine per (re)start: events still open from a crashed run were ended by that run's pipeline.
                var engine = new CameraRuleEngine(rules, arming, ZoneOccupancy.ForCamera(site, camera.Id, detector.Labels));
                CameraPipeline? pipeline = null;

                // Called on the pipeline's frame loop, where its path history and scene are current.
                void OnEvent(BehaviourEvent behaviour, VideoFrame? frame) =>
                    Record(mapper.Map(behaviour, frame, pipeline!.Paths.For(behaviour.Signal.TrackId), pipeline.Scene.Masks));
                pipeline = new CameraPipeline(camera, source, detector, new ByteTracker(), engine,
                    OnEvent, framesInFlight, loggers.CreateLogger($"Watchpost.Camera.{camera.Id}"),
                    (width, height) => GeometryCheck.CameraFrame(Site, camera.Id, width, height, $"camera '{camera.Id}'"), snapshots?.For(camera.Id),
                    CameraScene.For(site, camera.Id), liveViews?.For(camera.Id));
                _pipelines[camera.Id] = pipeline;
                try
                {
                    await pipeline.RunAsync(stoppingToken);
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        _logger.LogInformation("Camera {Camera}: the source ended ({State})", camera.Id, source.State);
                        return;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (InvalidConfigurationException e)
                {
                    // Its zones or lines do not fit its frames: a config change is needed, as for a bad URL.
                    _failed[camera.Id] = e.Message;
                    _pipelines.TryRemove(camera.Id, out _);
                    _logger.LogError("Camera {Camera} is stopped: {Reason}", camera.Id, e.Message);
                    return;
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "Camera {Camera}: the pipeline failed; restarting it in {Delay} s", camera.Id, RestartDelay.TotalSeconds);
                }
            }

            try
            {
                await Task.Delay(RestartDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One camera's supervision loop and what stops it alone.</summary>
    private sealed record CameraRun(CancellationTokenSource Cancel, Task Task);

    private void Record(EventCandidate candidate)
    {
        if (!recorder.TryRecord(candidate))
        {
            _logger.LogWarning("Camera {Camera}: event {EventId} of rule {Rule} arrived after shutdown began and was not recorded", candidate.CameraId, candidate.EventId, candidate.RuleId);
        }
    }
}
