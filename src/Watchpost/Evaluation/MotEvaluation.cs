using System.Diagnostics;
using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Ingest.Motion;
using Watchpost.Tracking;

namespace Watchpost.Evaluation;

/// <summary>
/// Scores detection plus tracking on a video with MOTChallenge ground truth: every frame is decoded, detected and
/// tracked, and the confirmed tracks that a detection supports in that frame are the hypotheses.
/// </summary>
public static class MotEvaluation
{
    /// <summary>Frame rate assumed when the container does not say.</summary>
    private const double FallbackFps = 25;

    /// <summary>
    /// Runs <paramref name="detector"/> and a new <see cref="ByteTracker"/> over <paramref name="videoPath"/> (video
    /// frame n-1 is ground-truth frame n) and scores the tracks of <paramref name="personClassId"/> (all classes when
    /// null) against <paramref name="groundTruthPath"/>. Writes the tracks as MOTChallenge rows to
    /// <paramref name="tracksOutPath"/> when given. <paramref name="maxFrames"/> stops early, and then only the
    /// ground truth of the frames processed counts. With <paramref name="motion"/> enabled, frames pass the camera's
    /// motion gate first, as in the service: a gated-out frame is tracked with no detections.
    /// </summary>
    public static MotResult Run(
        IObjectDetector detector,
        string videoPath,
        string groundTruthPath,
        string? tracksOutPath,
        int? personClassId = 0,
        ByteTrackerOptions? trackerOptions = null,
        int? maxFrames = null,
        MotionOptions? motion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (!File.Exists(videoPath))
        {
            throw new FileNotFoundException($"The video '{videoPath}' does not exist.", videoPath);
        }

        var groundTruth = MotChallengeFile.ReadGroundTruth(groundTruthPath);
        using var capture = new VideoCapture(videoPath);
        if (!capture.IsOpened())
        {
            throw new InvalidDataException($"OpenCV could not open the video '{videoPath}'.");
        }

        var frameRate = capture.Fps > 0 ? capture.Fps : FallbackFps;
        var tracker = new ByteTracker(trackerOptions);
        var hypotheses = new List<MotBox>();
        var busy = new Stopwatch();
        var gating = new Stopwatch();
        var gateCpu = TimeSpan.Zero;   // process CPU while the gate runs: this thread's work, as detection is not running then
        using var gate = motion is { Enabled: true } ? new MotionGate(motion) : null;
        IReadOnlyList<Track> tracks = [];
        using var frame = new Mat();
        var frames = 0;
        while ((maxFrames is null || frames < maxFrames) && capture.Read(frame) && !frame.Empty())
        {
            cancellationToken.ThrowIfCancellationRequested();
            busy.Start();
            var time = TimeSpan.FromSeconds(frames / frameRate);
            var cpu = Environment.CpuUsage.TotalTime;
            gating.Start();
            var detect = gate is null || gate.ShouldDetect(frame, time, tracking: MotionGate.NeedsUpdating(tracks));
            gating.Stop();
            gateCpu += Environment.CpuUsage.TotalTime - cpu;
            if (detect)
            {
                tracks = tracker.Update(time, AsSpan(detector.Detect(frame))); // a gated frame holds the tracks, as the pipeline does
            }

            busy.Stop();
            frames++;
            AddHypotheses(frames, tracks, personClassId, hypotheses);
        }

        if (frames == 0)
        {
            throw new InvalidDataException($"No frame could be decoded from '{videoPath}'.");
        }

        if (tracksOutPath is not null)
        {
            MotChallengeFile.Write(tracksOutPath, hypotheses);
        }

        var report = MotMetrics.Compute([.. groundTruth.Where(row => row.Frame <= frames)], hypotheses);
        var result = MotResult.From(report, frames / busy.Elapsed.TotalSeconds);
        return gate is null ? result : result with
        {
            FramesGated = gate.FramesGated,
            GatedShare = (double)gate.FramesGated / frames,
            GateMsPerFrame = gating.Elapsed.TotalMilliseconds / frames,
            GateCpuMsPerFrame = gateCpu.TotalMilliseconds / frames,
        };
    }

    /// <summary>
    /// Tracks recorded detections (list item i is ground-truth frame i + 1, <paramref name="fps"/> frames a second)
    /// and returns the hypotheses as <see cref="Run"/> scores them: for comparing trackers on the same detections.
    /// </summary>
    public static List<MotBox> Track(IObjectTracker tracker, IReadOnlyList<IReadOnlyList<DetectedObject>> frames, double fps, int? classId = 0)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        var hypotheses = new List<MotBox>();
        for (var i = 0; i < frames.Count; i++)
        {
            AddHypotheses(i + 1, tracker.Update(TimeSpan.FromSeconds(i / fps), AsSpan(frames[i])), classId, hypotheses);
        }

        return hypotheses;
    }

    /// <summary>Adds the tracks that count as hypotheses in 1-based <paramref name="frame"/>: confirmed, supported by a detection, of the class asked for.</summary>
    internal static void AddHypotheses(int frame, IReadOnlyList<Track> tracks, int? classId, List<MotBox> into)
    {
        foreach (var track in tracks)
        {
            if (track.IsConfirmed && track.IsMatched && (classId is null || track.ClassId == classId))
            {
                into.Add(new MotBox(frame, track.Id, track.Box, track.Score));
            }
        }
    }

    private static ReadOnlySpan<DetectedObject> AsSpan(IReadOnlyList<DetectedObject> detections) =>
        detections is List<DetectedObject> list
            ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)
            : detections is DetectedObject[] array ? array : [.. detections];
}
