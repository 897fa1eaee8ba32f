using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>
/// Connects to a camera through the same frame source the service uses (<see cref="FrameSourceFactory"/>) and
/// waits for its first frame: what `watchpost camera probe` and `camera add` report before a camera is saved.
/// </summary>
public sealed class CameraProbe
{
    private readonly ILoggerFactory _loggers;

    public CameraProbe(ILoggerFactory loggers) => _loggers = loggers;

    /// <summary>Opens <paramref name="camera"/>, waits up to <paramref name="timeout"/> for a frame and, when <paramref name="snapshotPath"/> is given, saves it as JPEG.</summary>
    /// <exception cref="CameraUrlException">The URL cannot be valid at all.</exception>
    public async Task<CameraProbeResult> ProbeAsync(CameraOptions camera, TimeSpan timeout, string? snapshotPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var clock = Stopwatch.StartNew();
        await using var source = FrameSourceFactory.Create(camera, _loggers);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        source.Start(wait.Token);
        try
        {
            using var frame = await source.Frames.ReadAsync(wait.Token);
            var firstFrame = clock.Elapsed;
            if (snapshotPath is not null)
            {
                Cv2.ImWrite(snapshotPath, frame.Image, new ImageEncodingParam(ImwriteFlags.JpegQuality, 90));
            }

            return new CameraProbeResult(UrlRedaction.Redact(camera.Url), camera.Transport, true, frame.Image.Width, frame.Image.Height, firstFrame, null, snapshotPath);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException && !cancellationToken.IsCancellationRequested)
        {
            var error = source.LastError ?? $"no frame within {timeout.TotalSeconds:0.#} s";
            return new CameraProbeResult(UrlRedaction.Redact(camera.Url), camera.Transport, false, null, null, null, error, null);
        }
    }
}

/// <summary>What a probe found. <see cref="Url"/> never holds the password.</summary>
public sealed record CameraProbeResult(
    string Url, string Transport, bool Ok, int? Width, int? Height, TimeSpan? TimeToFirstFrame, string? Error, string? SnapshotPath);
