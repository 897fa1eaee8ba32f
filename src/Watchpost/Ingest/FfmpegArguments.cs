using System.Globalization;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>The ffmpeg command line that turns one camera's stream (or a video file) into raw BGR frames on stdout.</summary>
internal static class FfmpegArguments
{
    /// <summary>Key the reader's filter adds to every frame so that the next filter prints the frame's PTS.</summary>
    public const string PtsMarker = "watchpost";

    /// <param name="input">What ffmpeg reads: the camera's URL, or the full path of a file.</param>
    /// <param name="isFile">A file: read at its own rate when <see cref="CameraOptions.Realtime"/>, looped when <see cref="CameraOptions.Loop"/>.</param>
    /// <param name="reduction">While the box is overloaded: fewer frames than the detect rate, and perhaps key frames only.</param>
    public static IReadOnlyList<string> For(CameraOptions camera, string input, bool isFile, IngestReduction? reduction = null)
    {
        // -loglevel info: the output stream line tells the frame size, the metadata filter prints each frame's PTS
        // (no pixel work, unlike showinfo). -threads 1: one decoder thread per camera adds no frame-threading
        // latency, and a box with many cameras has no cores to spare for it anyway.
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-threads", "1" };
        if (isFile)
        {
            if (camera.Realtime)
            {
                args.Add("-re");
            }

            if (camera.Loop)
            {
                args.AddRange(["-stream_loop", "-1"]); // the output PTS keep increasing across loops
            }
        }
        else
        {
            var timeout = ((long)(camera.FrameTimeoutSeconds * 1_000_000)).ToString(CultureInfo.InvariantCulture);
            args.AddRange(input.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase)
                ? ["-rtsp_transport", camera.Transport.ToLowerInvariant(), "-timeout", timeout]
                : ["-rw_timeout", timeout]);
        }

        if (!string.Equals(camera.Hwaccel, "none", StringComparison.OrdinalIgnoreCase))
        {
            args.AddRange(["-hwaccel", camera.Hwaccel.ToLowerInvariant()]); // frames are downloaded for the rawvideo output
        }

        if (!string.IsNullOrEmpty(camera.Decoder))
        {
            args.AddRange(["-c:v", camera.Decoder]);
        }

        if (reduction is { KeyFramesOnly: true })
        {
            args.AddRange(["-skip_frame", "nokey"]); // the decoder skips every other frame: most of ffmpeg's cost
        }

        // -fpsprobesize 0: do not hold the first frame back for ~20 frames to guess a frame rate the raw output
        // never uses (it halves the time to the first frame: about 1.5 s instead of 3.5-4.5 s at 10 fps).
        args.AddRange(["-fpsprobesize", "0", "-i", input, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        args.AddRange(["-vf", Filters(reduction?.Fps ?? camera.DetectFps)]);
        // passthrough: every selected frame exactly once (the default for rawvideo would duplicate or drop frames
        // to a constant rate), so the Nth frame on stdout is the Nth PTS line on stderr.
        args.AddRange(["-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1"]);
        return args;
    }

    /// <summary>
    /// The filter chain: with a detect rate, only the first frame of each 1/rate-second slot of the stream's time
    /// goes on (before the colour conversion and the pipe, which are most of ffmpeg's cost after decoding); then the
    /// PTS marker.
    /// </summary>
    /// <remarks>
    /// Slots rather than "at least 1/rate since the last one": a 7 fps camera detected at 5 fps gets 5 frames a
    /// second, not 3.5. A clock that jumps back (a restarted camera) lands in another slot, so frames keep coming.
    /// </remarks>
    public static string Filters(double detectFps)
    {
        var marker = $"metadata=mode=add:key={PtsMarker}:value=1,metadata=mode=print:key={PtsMarker}";
        if (detectFps <= 0)
        {
            return marker;
        }

        var rate = detectFps.ToString("0.######", CultureInfo.InvariantCulture);
        // The 1e-3 keeps a frame that falls on a slot's edge (t*rate = 2.9999999) in the slot it belongs to.
        return $"select='isnan(prev_selected_t)+not(eq(floor(t*{rate}+0.001)\\,floor(prev_selected_t*{rate}+0.001)))',{marker}";
    }
}
