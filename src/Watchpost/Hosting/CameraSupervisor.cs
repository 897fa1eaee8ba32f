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
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggers.CreateLogger<CameraSupervisor>();
    private readonly ConcurrentDictionary<string, CameraPipeline> _pipelines = new();
    private readonly ConcurrentDictionary<string, string> _failed = new();

    public IReadOnlyList<CameraStatus> Status() =>
        [.. options.Cameras.Where(c => c.Enabled).Select(camera => _pipelines.TryGetValue(camera.Id, out var pipeline)
            ? new CameraStatus(camera.Id, camera.Name, pipeline.Source.State, pipeline.Source.LastError,
                pipeline.Source.Counters.FramesIn, pipeline.Source.Counters.FramesProcessed, pipeline.Source.Counters.FramesDropped,
                pipeline.Source.Counters.Reconnects, pipeline.CurrentTracks.Count)
            : new CameraStatus(camera.Id, camera.Name, CameraState.Failed, _failed.GetValueOrDefault(camera.Id, "not started"), 0, 0, 0, 0, 0))];

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
        var rules = options.Rules
            .Select(rule => (Rule: rule, Zone: options.Zones.First(z => z.Id == rule.Zone)))
            .Where(x => x.Zone.Camera == camera.Id)
            .Select(x => new IntrusionRule(x.Rule, x.Zone, detector.Labels))
            .ToList();

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
                var pipeline = new CameraPipeline(camera, source, detector, new ByteTracker(), rules,
                    (behaviour, frame) => Record(behaviour, frame), framesInFlight, loggers.CreateLogger($"Watchpost.Camera.{camera.Id}"));
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

    private void Record(BehaviourEvent behaviour, VideoFrame frame)
    {
        var candidate = new EventCandidate(frame.Image.Clone())
        {
            Type = behaviour.Type,
            RuleId = behaviour.RuleId,
            Severity = behaviour.Severity,
            CameraId = behaviour.CameraId,
            ZoneId = behaviour.ZoneId,
            ClassName = behaviour.ClassName,
            TrackId = behaviour.Track.Id,
            Score = behaviour.Track.Score,
            Box = behaviour.Track.Box,
            StreamTimestamp = behaviour.Timestamp,
            StartedAt = frame.ReceivedAt - behaviour.DurationInside,
            FrameReceivedAt = frame.ReceivedAt,
            Details = new Dictionary<string, double> { ["duration_s"] = Math.Round(behaviour.DurationInside.TotalSeconds, 2) },
        };
        if (!recorder.TryRecord(candidate))
        {
            _logger.LogWarning("Camera {Camera}: event of rule {Rule} arrived after shutdown began and was not recorded", behaviour.CameraId, behaviour.RuleId);
        }
    }
}
