using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>
/// Connects to a camera through the same frame source the service uses (<see cref="FrameSourceFactory"/>) and
/// waits for its first frame: what `watchpost camera probe` and `camera add` report before a camera is saved.
/// A failure is explained from what the source's ffmpeg said (<see cref="ProbeFailure"/>).
/// </summary>
public sealed partial class CameraProbe
{
    /// <summary>How often the probe looks whether the source's first connection has failed.</summary>
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>How long to watch frames for a frame rate when the stream does not declare one.</summary>
    private static readonly TimeSpan FpsWindow = TimeSpan.FromSeconds(1.5);

    private readonly ILoggerFactory _loggers;

    public CameraProbe(ILoggerFactory loggers) => _loggers = loggers;

    /// <summary>Told what the probe tries next ("trying UDP"), for a progress display.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Opens <paramref name="camera"/> over its own transport, waits up to <paramref name="timeout"/> for a frame and, when <paramref name="snapshotPath"/> is given, saves it as JPEG.</summary>
    /// <exception cref="CameraUrlException">The URL cannot be valid at all.</exception>
    public Task<CameraProbeResult> ProbeAsync(CameraOptions camera, TimeSpan timeout, string? snapshotPath, CancellationToken cancellationToken) =>
        ProbeAsync(camera, fallBackToUdp: false, timeout, snapshotPath, cancellationToken);

    /// <summary>
    /// As <see cref="ProbeAsync(CameraOptions, TimeSpan, string?, CancellationToken)"/>; with <paramref name="fallBackToUdp"/>, an
    /// RTSP camera that gives nothing over TCP for a reason UDP could fix (a UDP-only server, a stalled TCP stream) is tried
    /// again over UDP (each attempt waits up to <paramref name="timeout"/>), and <see cref="CameraProbeResult.Note"/> says so.
    /// </summary>
    /// <exception cref="CameraUrlException">The URL cannot be valid at all.</exception>
    public async Task<CameraProbeResult> ProbeAsync(
        CameraOptions camera, bool fallBackToUdp, TimeSpan timeout, string? snapshotPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var rtsp = camera.Url.StartsWith("rtsp", StringComparison.OrdinalIgnoreCase);
        var transport = rtsp ? camera.Transport.ToLowerInvariant() : null;
        var first = await AttemptAsync(camera, transport, timeout, snapshotPath, cancellationToken).ConfigureAwait(false);
        if (first.Ok || !fallBackToUdp || transport != "tcp" || first.Failure is not { UdpMayHelp: true } tcpFailure)
        {
            return first;
        }

        Progress?.Invoke($"TCP gave nothing ({tcpFailure.Title}); trying UDP");
        var udp = await AttemptAsync(camera, "udp", timeout, snapshotPath, cancellationToken).ConfigureAwait(false);
        return udp.Ok
            ? udp with { Note = $"TCP gave nothing ({tcpFailure.Title}: {tcpFailure.Message}); UDP works: set this camera's transport to udp" }
            : udp with { Note = $"over TCP first: {tcpFailure.Title}: {tcpFailure.Message}" };
    }

    private async Task<CameraProbeResult> AttemptAsync(
        CameraOptions camera, string? transport, TimeSpan timeout, string? snapshotPath, CancellationToken cancellationToken)
    {
        var redacted = UrlRedaction.Redact(camera.Url);
        var options = ForProbe(camera, transport ?? camera.Transport, timeout);
        var clock = Stopwatch.StartNew();
        await using var source = FrameSourceFactory.Create(options, _loggers);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        source.Start(wait.Token);
        var ffmpeg = source as FfmpegFrameSource;
        try
        {
            var read = source.Frames.ReadAsync(wait.Token).AsTask();

            // The source reconnects by itself after a failure; a probe stops at the first and explains it.
            while (!read.IsCompleted && source.LastError is null)
            {
                await Task.WhenAny(read, Task.Delay(PollPeriod, CancellationToken.None)).ConfigureAwait(false);
            }

            if (!read.IsCompleted)
            {
                await wait.CancelAsync().ConfigureAwait(false);
            }

            using var frame = await read.ConfigureAwait(false);
            var firstFrame = clock.Elapsed;
            if (snapshotPath is not null)
            {
                SaveJpeg(frame.Image, snapshotPath);
            }

            var description = ffmpeg?.InputDescription;
            var fps = DeclaredFps(description) ?? await MeasureFpsAsync(source, frame.Timestamp, cancellationToken).ConfigureAwait(false);
            return new CameraProbeResult(redacted, transport ?? camera.Transport, true, frame.Image.Width, frame.Image.Height, firstFrame, null, snapshotPath)
            {
                Codec = Codec(description),
                Profile = Profile(description),
                Fps = fps,
                StreamDescription = description,
            };
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && !cancellationToken.IsCancellationRequested)
        {
            var failure = ProbeFailure.Classify(camera.Url, transport, timeout, ffmpeg?.ProblemLines ?? [], ffmpeg?.InputStreams ?? [],
                source.LastError is { } error ? UrlRedaction.Redact(error, camera.Url) : null);
            return new CameraProbeResult(redacted, transport ?? camera.Transport, false, null, null, null, $"{failure.Title}: {failure.Message}", null)
            {
                Failure = failure,
                StreamDescription = ffmpeg?.InputDescription,
            };
        }
    }

    /// <summary>The camera as the service would read it, over <paramref name="transport"/>, with ffmpeg's socket timeout inside the probe's wait.</summary>
    private static CameraOptions ForProbe(CameraOptions camera, string transport, TimeSpan timeout) => new()
    {
        Id = camera.Id.Length > 0 ? camera.Id : "probe",
        Name = camera.Name,
        Url = camera.Url,
        Transport = transport,
        DetectFps = camera.DetectFps,
        Loop = camera.Loop,
        Realtime = camera.Realtime,
        Enabled = true,
        // ffmpeg's own I/O timeout fires first, so an unanswered connection is reported as "timed out", not as a silent probe.
        FrameTimeoutSeconds = Math.Clamp(timeout.TotalSeconds * 0.75, 0.5, Math.Max(camera.FrameTimeoutSeconds, 0.5)),
    };

    private static void SaveJpeg(Mat image, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        if (!Cv2.ImWrite(path, image, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90)))
        {
            throw new IOException($"cannot write the snapshot to {path}");
        }
    }

    /// <summary>The frame rate the stream declares ("..., 640x360, 10 fps, 10 tbr, 90k tbn"), or null.</summary>
    internal static double? DeclaredFps(string? description) =>
        description is not null && FpsPattern().Match(description) is { Success: true } m
        && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fps) && fps > 0 ? fps : null;

    /// <summary>The codec's name ("h264" of "h264 (Constrained Baseline), yuv420p(...)"), or null.</summary>
    internal static string? Codec(string? description) =>
        description is not null && CodecPattern().Match(description) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The codec's profile ("Constrained Baseline" of "h264 (Constrained Baseline), ..."), or null.</summary>
    internal static string? Profile(string? description) =>
        description is not null && CodecPattern().Match(description) is { Success: true, Groups: [_, _, { Success: true } profile] } ? profile.Value : null;

    /// <summary>A stream that declares no frame rate: measured from the frames' own timestamps for a moment.</summary>
    private static async Task<double?> MeasureFpsAsync(IFrameSource source, TimeSpan firstTimestamp, CancellationToken cancellationToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(FpsWindow);
        var frames = 0;
        var last = firstTimestamp;
        try
        {
            while (frames < 10)
            {
                using var frame = await source.Frames.ReadAsync(window.Token).ConfigureAwait(false);
                frames++;
                last = frame.Timestamp;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && !cancellationToken.IsCancellationRequested)
        {
        }

        var span = (last - firstTimestamp).TotalSeconds;
        return frames >= 2 && span > 0 ? Math.Round(frames / span, 1) : null;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?) fps\b")]
    private static partial Regex FpsPattern();

    // "h264 (Constrained Baseline), yuv420p(...)": the codec's name and, in brackets, its profile.
    [GeneratedRegex(@"^(\w+)(?:\s*\(([^)]*)\))?")]
    private static partial Regex CodecPattern();
}
