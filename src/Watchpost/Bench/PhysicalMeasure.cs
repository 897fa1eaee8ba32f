using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Watchpost.Cli;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;
using Watchpost.Ingest;

namespace Watchpost.Bench;

/// <summary>The two halves of <see cref="PhysicalCapacity"/>, each measured alone before the pipeline starts.</summary>
internal static partial class PhysicalMeasure
{
    /// <summary>CPU seconds per frame of one single-threaded session running a fixed grey input in a loop on this thread.</summary>
    public static double InferenceCpuSecondsPerFrame(string modelPath, DetectorSettings settings, SessionFactory sessions, ExecutionProvider provider, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var loop = new BareInferenceLoop(sessions.Create(modelPath, provider, intraOpThreads: 1, allowSpinning: false), settings, ownsSession: true);
        for (var i = 0; i < 3; i++)
        {
            loop.Run(); // warm-up
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var frames = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            loop.Run();
            frames++;
        }

        cancellationToken.ThrowIfCancellationRequested();
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalSeconds / Math.Max(1, frames);
    }

    /// <summary>
    /// CPU seconds per output frame (user + system, from ffmpeg's own rusage, -benchmark) of ffmpeg decoding
    /// <paramref name="source"/> to BGR as a camera's reader does, keeping <paramref name="detectFps"/> frames a second (all when 0).
    /// </summary>
    public static async Task<double> DecodeCpuSecondsPerFrameAsync(string source, double detectFps, string? hwaccel, CancellationToken cancellationToken)
    {
        List<string> args = ["-hide_banner", "-nostdin", "-benchmark"];
        if (hwaccel is not null and not "none")
        {
            args.AddRange(["-hwaccel", hwaccel]);
        }

        // The pipeline's own filters (the detect-rate selection and the PTS marker), without -re: as fast as it decodes.
        args.AddRange(["-i", source, "-map", "0:v:0", "-an", "-vf", FfmpegArguments.Filters(detectFps),
            "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgr24", "-y", "/dev/null"]);
        var result = await ChildProcess.RunAsync("ffmpeg", args, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not decode '{source}' (exit {result.ExitCode}): {result.Stderr.Trim().Split('\n')[^1]}");
        }

        return ParseCpuPerFrame(result.Stderr) ?? throw new InvalidOperationException($"ffmpeg's -benchmark output had no frame count or rusage: {result.Stderr}");
    }

    /// <summary>(utime + stime) ÷ frames from ffmpeg's stderr: the last "frame= N" of its progress and its "bench: utime=..s stime=..s" line.</summary>
    internal static double? ParseCpuPerFrame(string stderr)
    {
        var frames = FrameCount().Matches(stderr).LastOrDefault();
        var bench = Rusage().Match(stderr);
        if (frames is null || !bench.Success)
        {
            return null;
        }

        var count = long.Parse(frames.Groups[1].Value, CultureInfo.InvariantCulture);
        var cpu = double.Parse(bench.Groups[1].Value, CultureInfo.InvariantCulture) + double.Parse(bench.Groups[2].Value, CultureInfo.InvariantCulture);
        return count > 0 ? cpu / count : null;
    }

    [GeneratedRegex(@"frame=\s*(\d+)")]
    private static partial Regex FrameCount();

    [GeneratedRegex(@"bench: utime=([0-9.]+)s stime=([0-9.]+)s")]
    private static partial Regex Rusage();
}
