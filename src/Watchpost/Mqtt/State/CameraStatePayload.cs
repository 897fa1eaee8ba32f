namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>cameras/&lt;id&gt;/state</c>.</summary>
/// <param name="Online">True while frames arrive (state "streaming").</param>
/// <param name="State">starting, streaming, reconnecting, failed or stopped.</param>
/// <param name="Fps">Frames read per second over the last interval.</param>
/// <param name="LastError">The last error of the camera's stream, or null.</param>
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
    DateTime UpdatedAt);
