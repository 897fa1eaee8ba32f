using Watchpost.Configuration;
using Watchpost.Ingest;

namespace Watchpost.Hosting;

/// <summary>
/// One camera's rates over the last few seconds, sampled once a second by the supervisor: frames read, frames
/// detected, frames lost to overload, and the CPU its decoder uses.
/// </summary>
internal sealed class CameraRates
{
    private readonly FpsMeter _in = new();
    private readonly FpsMeter _processed = new();
    private readonly FpsMeter _dropped = new();
    private readonly FpsMeter _decoderCpuMs = new();

    public void Sample(IFrameSource source)
    {
        _in.Sample(source.Counters.FramesIn);
        _processed.Sample(source.Counters.FramesProcessed);
        _dropped.Sample(source.Counters.FramesDropped);
        if (source.DecoderCpuTime is { } cpu)
        {
            _decoderCpuMs.Sample((long)cpu.TotalMilliseconds);
        }
    }

    /// <summary>Frames read per second.</summary>
    public double Fps => _in.Fps;

    /// <summary>Frames through detection, tracking and rules per second.</summary>
    public double ProcessedPerSecond => _processed.Fps;

    /// <summary>Frames the source dropped per second because the pipeline had not taken the previous ones.</summary>
    public double DroppedPerSecond => _dropped.Fps;

    /// <summary>
    /// The share of the frames the camera offered for detection that the box could not take (a live source drops
    /// the oldest when the detector is behind): 0 when it keeps up.
    /// </summary>
    public double Shortfall
    {
        get
        {
            var dropped = _dropped.Fps;
            var offered = dropped + _processed.Fps;
            return offered <= 0 ? 0 : Math.Round(dropped / offered, 3);
        }
    }

    /// <summary>
    /// <see cref="Shortfall"/>, and while the camera's reader is reduced (IngestGovernor) at least the share of its
    /// detect rate it is not detected at: frames it no longer reads count as not taken too.
    /// </summary>
    public double ShortfallOf(CameraOptions camera, IFrameSource source) =>
        source.Reduction is null || camera.DetectFps <= 0
            ? Shortfall
            : Math.Round(Math.Max(Shortfall, 1 - (ProcessedPerSecond / camera.DetectFps)), 3);

    /// <summary>Cores the camera's decoder (its ffmpeg) uses; null when it decodes in-process.</summary>
    public double? DecoderCpuCores(IFrameSource source) =>
        source.DecoderCpuTime is null ? null : Math.Round(_decoderCpuMs.Fps / 1000, 3);
}
