using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>
/// Reads a network camera (RTSP, HTTP, ...) or a video file through one ffmpeg child process that writes raw BGR
/// frames to its stdout; each frame is read straight into a pooled buffer that a <see cref="Mat"/> wraps without
/// copying. With a detect rate, ffmpeg hands over only the frames the detector will see (see <see cref="FfmpegArguments"/>).
/// </summary>
/// <remarks>
/// Timestamps: the stream's own presentation time (the PTS ffmpeg's metadata filter prints for each frame),
/// anchored so that they keep increasing across reconnects (see <see cref="StreamClock"/>); the wall time since
/// <see cref="FrameSourceBase.Start"/> when ffmpeg prints none. A file's timestamps are its own PTS from 0.
/// A live source (a camera, or a file played in real time): a slow consumer loses the oldest frames, ffmpeg's pipe
/// is always drained. A file read as fast as possible waits for the consumer (ffmpeg blocks on the full pipe).
/// </remarks>
public sealed class FfmpegFrameSource : FrameSourceBase
{
    public const string DefaultExecutable = "ffmpeg";

    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(5);

    private readonly string _executable;
    private readonly ILogger _logger;
    private readonly FrameBufferPool _pool = new();
    private readonly StreamClock _streamClock = new();
    private readonly CameraUrl _url;
    private readonly DecoderCpu _decoderCpu = new();
    private volatile Process? _process;
    private volatile FfmpegLog? _log;
    private volatile IngestReduction? _reduction;

    /// <param name="executable">ffmpeg to run: a name on PATH or a full path (tests point it at a fake).</param>
    /// <exception cref="CameraUrlException">The URL is not a network stream or a file that exists.</exception>
    public FfmpegFrameSource(CameraOptions camera, ILogger<FfmpegFrameSource> logger, string executable = DefaultExecutable)
        : this(camera, Parse(camera), logger, executable)
    {
    }

    private FfmpegFrameSource(CameraOptions camera, CameraUrl url, ILogger<FfmpegFrameSource> logger, string executable)
        : base(camera, logger, live: url.Kind == CameraUrlKind.Network || camera.Realtime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executable);
        _executable = executable;
        _logger = logger;
        _url = url;
    }

    private bool IsFile => _url.Kind == CameraUrlKind.File;

    /// <summary>ffmpeg already selects the frames at the camera's detect rate.</summary>
    public override bool DeliversDetectRate => Camera.DetectFps > 0;

    /// <summary>CPU time of this camera's ffmpeg processes so far (decoding, colour conversion, the pipe).</summary>
    public override TimeSpan? DecoderCpuTime => _decoderCpu.Total(_process);

    /// <summary>The ffmpeg arguments the next connection runs (for logs and `camera probe`).</summary>
    public IReadOnlyList<string> Arguments => FfmpegArguments.For(Camera, _url.Target, IsFile, _reduction);

    public override IngestReduction? Reduction => _reduction;

    /// <summary>A network camera read at its detect rate can be reduced; the new ffmpeg line starts at once.</summary>
    public override bool TryReduce(IngestReduction? reduction)
    {
        if (IsFile || Camera.DetectFps <= 0 || (reduction is not null && (reduction.Fps <= 0 || reduction.Fps >= Camera.DetectFps)))
        {
            return false;
        }

        if (reduction == _reduction)
        {
            return true;
        }

        _reduction = reduction;
        _logger.LogInformation("Camera {Camera} ({Url}): reading {Rate}", CameraId, DisplayUrl, reduction?.ToString() ?? $"at its detect rate again ({Camera.DetectFps} fps)");
        RestartConnection();
        return true;
    }

    /// <summary>Pixel buffers created so far: stays small however slow the consumer is.</summary>
    internal long BuffersAllocated => _pool.Allocated;

    /// <summary>The running ffmpeg's process id, or null between connections.</summary>
    internal int? ReaderProcessId => _process is { } process ? process.Id : null;

    /// <summary>The current (or last) connection's input video stream as ffmpeg described it ("h264 (Main), yuv420p, 1920x1080, 25 fps, ..."), or null.</summary>
    internal string? InputDescription => _log?.InputDescription;

    /// <summary>Every input stream of the current (or last) connection as ffmpeg described it ("Video: ...", "Data: none").</summary>
    internal IReadOnlyList<string> InputStreams => _log?.InputStreams ?? [];

    /// <summary>The current (or last) connection's last problem lines from ffmpeg (passwords masked): what `camera probe` explains.</summary>
    internal IReadOnlyList<string> ProblemLines => _log?.ProblemLines() ?? [];

    protected override string? StallDetails => _log?.Summary() is { } said ? $"ffmpeg said: {said}" : null;

    protected override async Task RunConnectionAsync(CancellationToken cancellationToken)
    {
        var log = _log = new FfmpegLog(CameraId, Camera.Url, _logger);
        using var process = new Process { StartInfo = StartInfo() };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PermanentSourceException($"cannot run ffmpeg ('{_executable}'): {ex.Message}; install the ffmpeg package or fix the path");
        }

        _process = process;
        var pump = log.PumpAsync(process.StandardError);
        try
        {
            using (cancellationToken.Register(() => Kill(process)))
            {
                await ReadFramesAsync(process, log, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _decoderCpu.ConnectionEnding(process);
            Kill(process);
            await WaitQuietlyAsync(process.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
            await WaitQuietlyAsync(pump).ConfigureAwait(false);
            _process = null;
        }
    }

    private async Task ReadFramesAsync(Process process, FfmpegLog log, CancellationToken cancellationToken)
    {
        if (await log.OutputSize.WaitAsync(cancellationToken).ConfigureAwait(false) is not { } size)
        {
            await WaitQuietlyAsync(process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
            var failure = Failure(process, log, "before the first frame");
            // A file ffmpeg cannot decode will not start working by retrying; a camera may.
            throw IsFile ? new PermanentSourceException($"the file {_url.Target} cannot be read: {failure}") : new ConnectionFailedException(failure);
        }

        var (width, height) = size;

        _logger.LogDebug("Camera {Camera} ({Url}): ffmpeg opened {Input}", CameraId, DisplayUrl, log.InputDescription ?? "the stream");
        var frameBytes = checked(width * height * 3);
        var stdout = process.StandardOutput.BaseStream;
        _streamClock.NewConnection();
        long frames = 0;
        while (true)
        {
            var buffer = _pool.Rent(frameBytes);
            try
            {
                await stdout.ReadExactlyAsync(buffer.Memory, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                buffer.Dispose();
                _decoderCpu.Total(process); // its last figures, before the ended process is reaped
                break;
            }
            catch
            {
                buffer.Dispose();
                throw;
            }

            var pts = await log.PtsOfFrameAsync(frames, cancellationToken).ConfigureAwait(false);
            var image = Mat.FromPixelData(height, width, MatType.CV_8UC3, buffer.Pointer);
            // A file's time is its own from 0 (a reconnect carries on from the last frame); a camera's is anchored to the wall clock.
            await PublishAsync(image, buffer, _streamClock.Next(pts, IsFile ? TimeSpan.Zero : Elapsed), cancellationToken).ConfigureAwait(false);
            frames++;
            if (frames % 16 == 0)
            {
                _decoderCpu.Total(process); // sampled as it goes: an exited process's figures vanish with it
            }
        }

        await WaitQuietlyAsync(process.WaitForExitAsync(cancellationToken)).ConfigureAwait(false);
        if (IsFile && process.HasExited && process.ExitCode == 0 && frames > 0)
        {
            _logger.LogInformation("Camera {Camera} ({Url}): end of file after {Frames} frames", CameraId, DisplayUrl, NextFrameIndex);
            return; // a file that does not loop is done
        }

        throw new ConnectionFailedException(Failure(process, log, $"after {frames} frames"));
    }

    private static CameraUrl Parse(CameraOptions camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var url = CameraUrl.Parse(camera.Id, camera.Url);
        return url.Kind == CameraUrlKind.Device
            ? throw new CameraUrlException(camera.Id, camera.Url, "is a local device, which VideoCaptureFrameSource reads")
            : url;
    }

    private ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string Failure(Process process, FfmpegLog log, string when)
    {
        var exit = process.HasExited ? $"ffmpeg exited with code {process.ExitCode}" : "ffmpeg closed its output";
        var ended = when.StartsWith("after", StringComparison.Ordinal) ? $"the stream ended {when} ({exit})" : $"{exit} {when}";
        return log.Summary() is { } said ? $"{ended}: {said}" : ended;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static async Task WaitQuietlyAsync(Task task)
    {
        try
        {
            await task.WaitAsync(ExitWait).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
        }
    }
}
