using System.ComponentModel.DataAnnotations;

namespace Watchpost.Configuration;

public sealed class CameraOptions
{
    [Required, RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "camera id must be 1-64 letters, digits, '-' or '_'")]
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>rtsp://..., a file path or file://..., or a USB device (/dev/video0 or device:0).</summary>
    [Required]
    public string Url { get; set; } = "";

    /// <summary>RTSP transport: tcp or udp.</summary>
    [RegularExpression("^(tcp|udp)$", ErrorMessage = "transport must be 'tcp' or 'udp'")]
    public string Transport { get; set; } = "tcp";

    /// <summary>
    /// Frames per second sent to the detector; 0 = every frame. ffmpeg converts and hands over only these frames
    /// (it still decodes every frame: a video stream cannot be decoded in part).
    /// </summary>
    [Range(0, 120)]
    public double DetectFps { get; set; }

    /// <summary>
    /// Hardware decoding through ffmpeg's <c>-hwaccel</c>: none (default), cuda (NVDEC), vaapi (Intel/AMD), qsv
    /// (Intel Quick Sync). Decoded frames come back to system memory for the detector.
    /// </summary>
    [RegularExpression("^(none|cuda|vaapi|qsv)$", ErrorMessage = "hwaccel must be 'none', 'cuda', 'vaapi' or 'qsv'")]
    public string Hwaccel { get; set; } = "none";

    /// <summary>
    /// An ffmpeg decoder to use instead of the default one (e.g. h264_nvv4l2dec on a Jetson, h264_cuvid, h264_qsv);
    /// empty = ffmpeg's choice. <c>watchpost doctor</c> checks the board's decoders.
    /// </summary>
    [RegularExpression("^[a-z0-9_]{0,40}$", ErrorMessage = "decoder must be an ffmpeg decoder name such as h264_cuvid (see `ffmpeg -decoders`)")]
    public string? Decoder { get; set; }

    /// <summary>A file source starts again at its end (the demo's camera does).</summary>
    public bool Loop { get; set; }

    /// <summary>Play a file at its own frame rate (as a live camera would) rather than as fast as it is read.</summary>
    public bool Realtime { get; set; } = true;

    /// <summary>No frame for this long counts as a frozen stream and forces a reconnect.</summary>
    [Range(1, 300)]
    public double FrameTimeoutSeconds { get; set; } = 5;

    public bool Enabled { get; set; } = true;

    /// <summary>The motion gate: detect only when something moves or is tracked (checked by <see cref="MotionValidator"/>).</summary>
#pragma warning disable SYSLIB1212 // MotionValidator checks its annotations, naming the camera in each error
    public MotionOptions Motion { get; set; } = new();
#pragma warning restore SYSLIB1212
}
