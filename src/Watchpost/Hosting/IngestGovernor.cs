using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Ingest;

namespace Watchpost.Hosting;

/// <summary>One camera as the governor sees it each second: its reader and its rates over the last few seconds.</summary>
internal readonly record struct GovernedCamera(CameraOptions Camera, IFrameSource Source, double FramesPerSecond, double DetectedPerSecond, double DroppedPerSecond);

/// <summary>
/// Keeps the detector's total up when the cameras offer more than it can take. Fair shares alone (the pipeline's
/// slots) still leave every camera's ffmpeg decoding, converting and piping frames the detector then drops: at 28
/// cameras on 2 cores that took most of the CPU and the total fell. So when a tenth of the offered frames are
/// dropped, every network camera's reader is lowered to the share the detector is serving (key frames only at
/// 1 fps or less), and raised step by step while the detector keeps up, never back to a rate that overloaded it
/// within the last few minutes. Every camera gets the same rate, so shares stay fair.
/// </summary>
internal sealed class IngestGovernor(DetectorOverloadOptions options, ILogger logger, TimeProvider? time = null)
{
    /// <summary>Share of the offered frames dropped that counts as overloaded; below <see cref="KeepingUp"/> the detector has room.</summary>
    internal const double Overloaded = 0.10;
    internal const double KeepingUp = 0.02;

    /// <summary>The rate at or below which key frames alone are decoded (cameras send one every 1-2 s).</summary>
    internal const double KeyFrameRate = 1.0;

    /// <summary>Between changes: the rate meters cover five seconds, and restarted readers take a second or two to stream.</summary>
    internal static readonly TimeSpan Hold = TimeSpan.FromSeconds(15);

    /// <summary>How long a rate that overloaded the detector is not tried again.</summary>
    internal static readonly TimeSpan CeilingMemory = TimeSpan.FromMinutes(5);

    private const double RaiseStep = 1.25;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly HashSet<string> _sparseKeyFrames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _appliedAt = new(StringComparer.Ordinal);
    private long _changedAt = long.MinValue;
    private double? _ceiling;
    private long _ceilingAt;

    /// <summary>The rate every network camera is read at, or null while they read at their own detect rate.</summary>
    public double? Rate { get; private set; }

    public void Tick(IReadOnlyList<GovernedCamera> cameras)
    {
        var now = _time.GetTimestamp();
        var governed = cameras.Where(c => c.Camera.DetectFps > 0).ToList();
        if (!options.ReduceIngest || governed.Count == 0)
        {
            Rate = null;
        }
        else if (_changedAt == long.MinValue)
        {
            _changedAt = now; // the first hold lets the sessions warm up and the cameras connect
        }
        else if (_time.GetElapsedTime(_changedAt, now) >= Hold)
        {
            Decide(governed, now);
        }

        // Every second, so that a camera that restarted or was added reads at the rate in force.
        foreach (var camera in governed)
        {
            var reduction = ReductionFor(camera.Camera);
            if (camera.Source.Reduction != reduction && camera.Source.TryReduce(reduction))
            {
                _appliedAt[camera.Camera.Id] = now;
            }
        }
    }

    private void Decide(List<GovernedCamera> cameras, long now)
    {
        var streaming = cameras.Where(c => c.Source.State == CameraState.Streaming).ToList();
        var detected = streaming.Sum(c => c.DetectedPerSecond);
        var dropped = streaming.Sum(c => c.DroppedPerSecond);
        if (streaming.Count == 0 || detected + dropped <= 0)
        {
            return;
        }

        var droppedShare = dropped / (detected + dropped);
        var fullRate = cameras.Min(c => c.Camera.DetectFps);
        double? next = Rate;
        if (droppedShare > Overloaded)
        {
            if (Rate is { } current)
            {
                (_ceiling, _ceilingAt) = (current, now);
            }

            // The share the detector serves now; lower than the current rate, however little it served.
            var share = Tenths(detected / streaming.Count);
            next = Math.Max(options.MinFps, Rate is { } r && share >= r ? Tenths(r * 0.8) : share);
        }
        else if (droppedShare < KeepingUp && Rate is { } current)
        {
            var raised = Math.Max(Tenths(current * RaiseStep), current + 0.1);
            var ceilingFresh = _ceiling is not null && _time.GetElapsedTime(_ceilingAt, now) < CeilingMemory;
            next = ceilingFresh && raised >= _ceiling ? current : raised >= fullRate ? null : raised;
        }

        if (Rate is { } reduced && options.KeyFramesOnly && reduced <= KeyFrameRate)
        {
            // A camera whose key frames come less often than the rate: decode all its frames instead.
            // Judged only once the rate meter covers the reduced reader alone.
            var settled = streaming.Where(c => !_appliedAt.TryGetValue(c.Camera.Id, out var at) || _time.GetElapsedTime(at, now) >= Hold);
            foreach (var camera in settled.Where(c => c.Source.Reduction is { KeyFramesOnly: true } && c.FramesPerSecond < 0.7 * reduced))
            {
                if (_sparseKeyFrames.Add(camera.Camera.Id))
                {
                    logger.LogInformation("Camera {Camera}: {Fps:0.##} key frames a second, fewer than the {Rate} fps asked; decoding every frame",
                        camera.Camera.Id, camera.FramesPerSecond, reduced);
                }
            }
        }

        if (next == Rate)
        {
            return;
        }

        logger.LogWarning(
            "Detector overload: {Dropped:P0} of {Offered:0.#} frames/s dropped, {Detected:0.#} detected; reading {Count} camera(s) at {Rate}",
            droppedShare, detected + dropped, detected, cameras.Count, next is { } n ? $"{n:0.#} fps" : "their own detect rate");
        Rate = next;
        _changedAt = now;
    }

    private IngestReduction? ReductionFor(CameraOptions camera) =>
        Rate is { } rate && rate < camera.DetectFps
            ? new IngestReduction(rate, options.KeyFramesOnly && rate <= KeyFrameRate && !_sparseKeyFrames.Contains(camera.Id))
            : null;

    private static double Tenths(double fps) => Math.Floor((fps * 10) + 1e-6) / 10; // 0.8 summed and divided back stays 0.8
}
