using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

/// <summary>
/// <c>detector.overload</c>: what the box does when its cameras offer more frames than the detector can take.
/// Every camera keeps a fair share either way; reducing the ingest also stops decoding and piping frames the
/// detector would drop, which is what lets the total stay up as cameras are added (docs/performance.md).
/// </summary>
public sealed class DetectorOverloadOptions
{
    /// <summary>Lower every network camera's ffmpeg rate to the share the detector can serve, and raise it again when it keeps up.</summary>
    public bool ReduceIngest { get; set; } = true;

    /// <summary>The rate a camera is never reduced below, in frames a second.</summary>
    [Range(0.2, 5.0)]
    public double MinFps { get; set; } = 0.5;

    /// <summary>
    /// At a reduced rate of 1 fps or less, decode only key frames (most cameras send one every 1-2 s); a camera
    /// whose key frames come too seldom for the rate is read with every frame decoded instead.
    /// </summary>
    public bool KeyFramesOnly { get; set; } = true;
}
