using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Ingest.Motion;
using Watchpost.Models;
using Watchpost.Tracking;

namespace Watchpost.Evaluation;

/// <summary>
/// Runs detection, tracking and a site's rules on every frame of a video, as the service does (the same
/// catalogue, engine and motion field), and lists the events; or runs the same rules on ground-truth
/// trajectories to derive the events that should have been raised. Frame n (1-based) is at (n − 1) / fps.
/// </summary>
public static class BehaviourEvaluation
{
    private const double FallbackFps = 25;

    /// <param name="fps">Frames per second of the footage's time; null = the container's rate.</param>
    /// <param name="cache">Where detections of earlier runs are kept (null = detect every frame).</param>
    /// <param name="name">How the video is named in the events (default: its file name).</param>
    /// <param name="gating">When enabled, frames pass the camera's motion gate first, as in the service: a gated-out frame is tracked and ruled on with no detections.</param>
    public static VideoEvents RunVideo(IObjectDetector detector, string videoPath, WatchpostOptions site, double? fps, DetectionCache? cache = null, string? name = null,
        MotionOptions? gating = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        List<DetectedObject[]>? cached = null;
        var hit = cache?.TryLoad(videoPath, out cached) == true;
        var recorded = new List<IReadOnlyList<DetectedObject>>();
        using var capture = new VideoCapture(videoPath);
        if (!capture.IsOpened())
        {
            throw new InvalidDataException($"--video {videoPath}: OpenCV could not open it (expected a video file)");
        }

        var rate = fps ?? (capture.Fps > 0 ? capture.Fps : FallbackFps);
        var engine = new CameraRuleEngine(ConfiguredRule.ForCamera(site, BehaviourRulesFile.CameraId, detector.Labels));
        using var motion = engine.NeedsMotion ? new MotionFieldBuilder() : null;
        var tracker = new ByteTracker();
        using var gate = gating is { Enabled: true } ? new MotionGate(gating) : null;
        IReadOnlyList<Track> tracks = [];
        name ??= Path.GetFileName(videoPath);
        var collector = new RuleEventCollector(name, rate);
        var steps = new List<BehaviourEvent>();
        using var frame = new Mat();
        var n = 0;
        while (capture.Read(frame) && !frame.Empty())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (n == 0)
            {
                GeometryCheck.CameraFrame(site, BehaviourRulesFile.CameraId, frame.Width, frame.Height, videoPath);
            }

            n++;
            var time = TimeSpan.FromSeconds((n - 1) / rate);
            var gated = gate is not null && !gate.ShouldDetect(frame, time, tracking: MotionGate.NeedsUpdating(tracks));
            var recording = cache is not null && !hit;
            DetectedObject[] detections = hit && n <= cached!.Count ? cached[n - 1] : gated && !recording ? [] : [.. detector.Detect(frame)];
            if (recording)
            {
                recorded.Add(detections);   // the cache keeps every frame's detections, gated or not
            }

            if (gated)
            {
                detections = [];
            }

            if (!gated)
            {
                tracks = tracker.Update(time, detections); // a gated frame holds the tracks, as the pipeline does
            }

            steps.Clear();
            engine.Evaluate(new RuleFrame(time, tracks, motion?.Update(frame, time), detections), DateTimeOffset.UnixEpoch + time, steps);
            collector.Add(steps);
        }

        if (n == 0)
        {
            throw new InvalidDataException($"--video {videoPath}: no frame could be decoded");
        }

        if (cache is not null && !hit)
        {
            cache.Save(videoPath, recorded);
        }

        // Events still open at the end keep end_s null: the video ended, not the event.
        return new VideoEvents(name, n, rate, [.. collector.Events]) { FramesGated = gate?.FramesGated };
    }

    /// <summary>
    /// The events the rules raise on ground-truth trajectories (every box a confirmed, matched person track with
    /// its true id): what a perfect detector and tracker would give. Rules that need pixels (motion) see none.
    /// </summary>
    public static VideoEvents RunGroundTruth(IReadOnlyList<MotBox> groundTruth, int frames, double fps, WatchpostOptions site, string video)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        var engine = new CameraRuleEngine(ConfiguredRule.ForCamera(site, BehaviourRulesFile.CameraId, CocoLabels.All));
        var byFrame = groundTruth.ToLookup(b => b.Frame);
        var collector = new RuleEventCollector(video, fps);
        var steps = new List<BehaviourEvent>();
        var tracks = new List<Track>();
        var firstSeen = new Dictionary<int, TimeSpan>();
        for (var n = 1; n <= frames; n++)
        {
            var time = TimeSpan.FromSeconds((n - 1) / fps);
            tracks.Clear();
            foreach (var box in byFrame[n])
            {
                if (!firstSeen.TryGetValue(box.Id, out var since))
                {
                    firstSeen[box.Id] = since = time;
                }

                tracks.Add(new Track(box.Id, box.Box, ClassId: 0, Score: 1f, IsConfirmed: true, IsMatched: true, Hits: n, FirstSeen: since));
            }

            steps.Clear();
            engine.Evaluate(new RuleFrame(time, tracks), DateTimeOffset.UnixEpoch + time, steps);
            collector.Add(steps);
        }

        return new VideoEvents(video, frames, fps, [.. collector.Events]);
    }
}
