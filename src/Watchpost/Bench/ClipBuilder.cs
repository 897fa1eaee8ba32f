using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Watchpost.Bench;

/// <summary>
/// Makes bench's media from the footage, once, into <see cref="BenchCache"/>: the live clip (H.264 as a camera
/// sends it, DESIGN.md's encoder settings), the quiet scene's background (the per-pixel median of frames spread
/// over the footage: every spot is empty in most of them, so the median is the scene with nobody in it) and the
/// quiet clip (that background with real walk-ins at the times <see cref="QuietScene"/> gives).
/// </summary>
public static class ClipBuilder
{
    private const int MedianSamples = 49;

    private static readonly string[] Encoder =
        ["-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "10", "-pix_fmt", "yuv420p", "-an"];

    /// <summary>The footage as an H.264 mp4 at its own size and rate.</summary>
    /// <param name="cache">The cache folder; null for <see cref="BenchCache"/>'s.</param>
    public static async Task<string> LiveClipAsync(string footage, string? cache, CancellationToken cancellationToken)
    {
        var target = BenchCache.PathFor(footage, "live", "mp4", cache);
        if (!File.Exists(target))
        {
            await EncodeAsync(["-i", footage], target, null, cancellationToken);
        }

        return target;
    }

    /// <summary>The scene with nobody in it, as a PNG (<paramref name="cache"/> as for <see cref="LiveClipAsync"/>).</summary>
    public static string QuietBackground(string footage, string? cache = null)
    {
        var target = BenchCache.PathFor(footage, "background", "png", cache);
        if (File.Exists(target))
        {
            return target;
        }

        using var background = MedianBackground(footage);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp.png";
        if (!Cv2.ImWrite(temporary, background))
        {
            throw new IOException($"cannot write the quiet background to {temporary}");
        }

        File.Move(temporary, target, overwrite: true);
        return target;
    }

    /// <summary>The quiet clip (<paramref name="cache"/> as for <see cref="LiveClipAsync"/>): the background with the walk-ins of <paramref name="scene"/>, H.264 at <see cref="QuietScene.Fps"/>.</summary>
    public static async Task<string> QuietClipAsync(string footage, QuietScene scene, string? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var target = BenchCache.PathFor(footage, string.Create(CultureInfo.InvariantCulture,
            $"quiet-{scene.BackgroundSeconds}-{scene.WalkInSeconds}-{string.Join('_', scene.FootageStarts)}"), "mp4", cache);
        if (File.Exists(target))
        {
            return target;
        }

        using var background = Cv2.ImRead(QuietBackground(footage, cache));
        using var capture = new VideoCapture(footage);
        var footageFps = capture.Fps > 0 ? capture.Fps : scene.Fps;
        var size = $"{background.Width}x{background.Height}";
        await EncodeAsync(["-f", "rawvideo", "-pix_fmt", "bgr24", "-s", size, "-r", scene.Fps.ToString(CultureInfo.InvariantCulture), "-i", "-"], target, async input =>
        {
            var backgroundBytes = Bytes(background);
            using var frame = new Mat();
            var position = 0;
            foreach (var start in scene.FootageStarts.Order())
            {
                for (var i = 0; i < scene.BackgroundFrames; i++)
                {
                    await input.WriteAsync(backgroundBytes, cancellationToken);
                }

                // Forward to the walk-in's first frame, then its frames as they are.
                var first = (int)Math.Round(start * footageFps);
                for (; position < first && capture.Grab(); position++)
                {
                }

                for (var i = 0; i < scene.WalkInFrames; i++, position++)
                {
                    if (!capture.Read(frame) || frame.Empty())
                    {
                        throw new InvalidDataException($"'{footage}' ends before the walk-in at {start} s + {scene.WalkInSeconds} s");
                    }

                    await input.WriteAsync(Bytes(frame), cancellationToken);
                }
            }
        }, cancellationToken);
        return target;
    }

    private static Mat MedianBackground(string footage)
    {
        using var capture = new VideoCapture(footage);
        if (!capture.IsOpened())
        {
            throw new FileNotFoundException($"cannot open the footage '{footage}'", footage);
        }

        var total = Math.Max(1, capture.FrameCount);
        var step = Math.Max(1, total / MedianSamples);
        var samples = new List<byte[]>();
        int width = 0, height = 0;
        using (var frame = new Mat())
        {
            for (var index = 0; capture.Read(frame) && !frame.Empty(); index++)
            {
                if (index % step == 0)
                {
                    (width, height) = (frame.Width, frame.Height);
                    samples.Add(Bytes(frame));
                }
            }
        }

        if (samples.Count == 0)
        {
            throw new InvalidDataException($"'{footage}' has no frames");
        }

        var median = new byte[samples[0].Length];
        var values = new byte[samples.Count];
        for (var i = 0; i < median.Length; i++)
        {
            for (var s = 0; s < samples.Count; s++)
            {
                values[s] = samples[s][i];
            }

            values.AsSpan().Sort();
            median[i] = values[values.Length / 2];
        }

        var result = new Mat(height, width, MatType.CV_8UC3);
        Marshal.Copy(median, 0, result.Data, median.Length);
        return result;
    }

    private static byte[] Bytes(Mat frame)
    {
        using var continuous = frame.IsContinuous() ? null : frame.Clone();
        var source = continuous ?? frame;
        var bytes = new byte[source.Total() * source.ElemSize()];
        Marshal.Copy(source.Data, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>Runs ffmpeg with <paramref name="input"/> arguments and the H.264 encoder into a temporary file, then moves it into place.</summary>
    private static async Task EncodeAsync(IReadOnlyList<string> input, string target, Func<Stream, Task>? feed, CancellationToken cancellationToken)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp.mp4";
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. input, .. Encoder, temporary])
        {
            start.ArgumentList.Add(argument);
        }

        if (feed is not null)
        {
            start.ArgumentList.Remove("-nostdin");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ffmpeg");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (feed is not null)
            {
                await feed(process.StandardInput.BaseStream);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            File.Delete(temporary);
            throw;
        }

        if (process.ExitCode != 0)
        {
            File.Delete(temporary);
            throw new InvalidOperationException($"ffmpeg could not make {target} (exit {process.ExitCode}): {(await errors).Trim()}");
        }

        File.Move(temporary, target, overwrite: true);
    }
}
