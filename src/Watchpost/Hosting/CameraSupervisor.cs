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
/// </summary>
public sealed class CameraSupervisor(
    WatchpostOptions options,
    IDetectionService detector,
    EventRecorder recorder,
    PipelineHeartbeat heartbeat,
    IRuleArming arming,
    ILoggerFactory loggers) : BackgroundService, ICameraStatusProvider
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggers.CreateLogger<CameraSupervisor>();
    private readonly ConcurrentDictionary<string, CameraPipeline> _pipelines = new();
    private readonly ConcurrentDictionary<string, string> _failed = new();

    public IReadOnlyList<CameraStatus> Status() =>
        [.. options.Cameras.Where(c => c.Enabled).Select(camera => _pipelines.TryGetValue(camera.Id, out var pipeline)
            ? new CameraStatus(camera.Id, camera.Name, pipeline.Source.State, pipeline.Source.LastError,
                pipeline.Source.Counters.FramesIn, pipeline.Source.Counters.FramesProcessed, pipeline.Source.Counters.FramesDropped,
                pipeline.Source.Counters.Reconnects, pipeline.CurrentTracks.Count, pipeline.Occupancy.Snapshot())
            : new CameraStatus(camera.Id, camera.Name, CameraState.Failed, _failed.GetValueOrDefault(camera.Id, "not started"), 0, 0, 0, 0, 0, []))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cameras = options.Cameras.Where(c => c.Enabled).ToList();

        // One camera alone keeps every worker busy; many cameras share them (ceil(workers / cameras) each).
        var framesInFlight = (detector.Parallelism + Math.Max(1, cameras.Count) - 1) / Math.Max(1, cameras.Count);
        var runs = cameras.Select(camera => SuperviseAsync(camera, framesInFlight, stoppingToken)).ToList();
        _logger.LogInformation("Supervising {Count} camera(s) with {Parallelism} detector worker(s)", runs.Count, detector.Parallelism);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                heartbeat.Beat();
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(runs);
    }

    private async Task SuperviseAsync(CameraOptions camera, int framesInFlight, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var rules = ConfiguredRule.ForCamera(options, camera.Id, detector.Labels);
        var mapper = new EventCandidateMapper();

        while (!stoppingToken.IsCancellationRequested)
        {
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
                var engine = new CameraRuleEngine(rules, arming, ZoneOccupancy.ForCamera(options, camera.Id, detector.Labels));
                var pipeline = new CameraPipeline(camera, source, detector, new ByteTracker(), engine,
                    (behaviour, frame) => Record(mapper.Map(behaviour, frame)), framesInFlight, loggers.CreateLogger($"Watchpost.Camera.{camera.Id}"),
                    (width, height) => GeometryCheck.CameraFrame(options, camera.Id, width, height, $"camera '{camera.Id}'"));
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

    private void Record(EventCandidate candidate)
    {
        if (!recorder.TryRecord(candidate))
        {
            _logger.LogWarning("Camera {Camera}: event {EventId} of rule {Rule} arrived after shutdown began and was not recorded", candidate.CameraId, candidate.EventId, candidate.RuleId);
        }
    }
}
