using System.Globalization;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>The ffmpeg command line that turns one camera's stream into raw BGR frames on stdout.</summary>
internal static class FfmpegArguments
{
    /// <summary>Key the reader's filter adds to every frame so that the next filter prints the frame's PTS.</summary>
    public const string PtsMarker = "watchpost";

    public static IReadOnlyList<string> For(CameraOptions camera)
    {
        // -loglevel info: the output stream line tells the frame size, the metadata filter prints each frame's PTS
        // (no pixel work, unlike showinfo). -threads 1: one decoder thread per camera adds no frame-threading
        // latency, and a box with many cameras has no cores to spare for it anyway.
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-threads", "1" };
        var timeout = ((long)(camera.FrameTimeoutSeconds * 1_000_000)).ToString(CultureInfo.InvariantCulture);
        if (camera.Url.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase))
        {
            args.AddRange(["-rtsp_transport", camera.Transport.ToLowerInvariant(), "-timeout", timeout]);
        }
        else
        {
            args.AddRange(["-rw_timeout", timeout]);
        }

        // -fpsprobesize 0: do not hold the first frame back for ~20 frames to guess a frame rate the raw output
        // never uses (it halves the time to the first frame: about 1.5 s instead of 3.5-4.5 s at 10 fps).
        args.AddRange(["-fpsprobesize", "0", "-i", camera.Url, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        args.AddRange(["-vf", $"metadata=mode=add:key={PtsMarker}:value=1,metadata=mode=print:key={PtsMarker}"]);
        // passthrough: every decoded frame exactly once (the default for rawvideo would duplicate or drop frames
        // to a constant rate), so the Nth frame on stdout is the Nth PTS line on stderr.
        args.AddRange(["-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"]);
        return args;
    }
}
