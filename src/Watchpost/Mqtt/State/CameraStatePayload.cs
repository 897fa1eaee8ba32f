namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>cameras/&lt;id&gt;/state</c>.</summary>
/// <param name="Online">True while frames arrive (state "streaming").</param>
/// <param name="State">starting, streaming, reconnecting, failed or stopped.</param>
/// <param name="Fps">Frames read per second over the last interval.</param>
/// <param name="LastError">The last error of the camera's stream, or null.</param>
/// <param name="DetectPerSecond">Frames detected per second over the last few seconds.</param>
/// <param name="DetectTarget">The camera's detectFps, or null when every frame is detected.</param>
/// <param name="Shortfall">The share of the offered frames the box could not detect (0 = it keeps up; overload shows here).</param>
/// <param name="DecodeCpuCores">Cores the camera's ffmpeg uses to decode, or null when it decodes in-process.</param>
/// <param name="IngestFps">The rate the camera's reader is lowered to while the detector is overloaded, or null at its own rate.</param>
public sealed record CameraStatePayload(
    string Camera,
    string? Name,
    bool Online,
    string State,
    double Fps,
    long FramesIn,
    long FramesProcessed,
    long FramesDropped,
    long Reconnects,
    int Tracks,
    string? LastError,
    double DetectPerSecond,
    double? DetectTarget,
    double Shortfall,
    double? DecodeCpuCores,
    double? IngestFps,
    DateTime UpdatedAt);
