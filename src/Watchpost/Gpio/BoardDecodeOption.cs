namespace Watchpost.Gpio;

/// <summary>One way to decode camera streams in hardware with ffmpeg on a board.</summary>
public sealed record BoardDecodeOption
{
    /// <summary>e.g. "nvdec-cuda", "vaapi", "qsv".</summary>
    public required string Name { get; init; }

    /// <summary>The hwaccel that <c>ffmpeg -hwaccels</c> must list, or null.</summary>
    public string? Hwaccel { get; init; }

    /// <summary>The decoder that <c>ffmpeg -decoders</c> must list (e.g. h264_nvv4l2dec, h264_cuvid, h264_qsv), or null.</summary>
    public string? Decoder { get; init; }

    /// <summary>A device node it needs (e.g. /dev/dri/renderD128), or null.</summary>
    public string? Device { get; init; }

    /// <summary>The ffmpeg input flags, as written before <c>-i</c>.</summary>
    public required string FfmpegArgs { get; init; }

    /// <summary>Which ffmpeg build provides it and how to install that.</summary>
    public required string FfmpegBuild { get; init; }

    public string Note { get; init => field = value ?? ""; } = "";
}
