using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>
/// Reads a local (USB, V4L2) camera, or a video file, through OpenCV's <see cref="VideoCapture"/>, decoding into
/// pooled buffers. The service reads files through <see cref="FfmpegFrameSource"/> (see <see cref="FrameSourceFactory"/>);
/// this reader's file mode stays for tools that want OpenCV's decoder. (The official OpenCvSharp Linux runtime
/// has no network support: RTSP goes through <see cref="FfmpegFrameSource"/>.)
/// </summary>
/// <remarks>
/// File timestamps are frame index / the container's frame rate, so they keep increasing when
/// <see cref="CameraOptions.Loop"/> starts the file again. A <see cref="CameraOptions.Realtime"/> file is paced at
/// its frame rate and behaves as a live camera (a slow consumer loses the oldest frames); otherwise it is read as
/// fast as the consumer takes frames and none is dropped. A device is live, with timestamps on the wall time since
/// <see cref="FrameSourceBase.Start"/>.
/// </remarks>
public sealed class VideoCaptureFrameSource : FrameSourceBase
{
    /// <summary>Used when a container does not say its frame rate.</summary>
    public const double FallbackFps = 25;

    private readonly CameraUrl _url;
    private readonly ILogger _logger;
    private readonly FrameBufferPool _pool = new();

    /// <exception cref="CameraUrlException">The URL is not a file that exists or a device.</exception>
    public VideoCaptureFrameSource(CameraOptions camera, ILogger<VideoCaptureFrameSource> logger)
        : this(camera, Parse(camera), logger)
    {
    }

    private VideoCaptureFrameSource(CameraOptions camera, CameraUrl url, ILogger logger)
        : base(camera, logger, live: url.Kind == CameraUrlKind.Device || camera.Realtime)
    {
        _url = url;
        _logger = logger;
    }

    public CameraUrlKind Kind => _url.Kind;

    /// <summary>Pixel buffers created so far: stays small however slow the consumer is.</summary>
    internal long BuffersAllocated => _pool.Allocated;

    protected override Task RunConnectionAsync(CancellationToken cancellationToken) =>
        // VideoCapture blocks (a device for a whole frame interval): give each camera its own thread.
        Task.Factory.StartNew(() => Read(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Read(CancellationToken cancellationToken)
    {
        var isFile = _url.Kind == CameraUrlKind.File;
        var capture = Open();
        try
        {
            var fps = capture.Fps;
            if (!(fps > 0 && fps <= 1000))
            {
                _logger.LogWarning("Camera {Camera} ({Url}): no frame rate in the stream; assuming {Fps} fps", CameraId, DisplayUrl, FallbackFps);
                fps = FallbackFps;
            }

            var pacer = isFile && Camera.Realtime ? new FramePacer(fps) : null;
            long framesThisPass = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!TryRead(capture, out var image, out var buffer))
                {
                    if (!isFile)
                    {
                        throw new ConnectionFailedException($"the device {_url.Target} stopped delivering frames");
                    }

                    if (framesThisPass == 0)
                    {
                        throw new PermanentSourceException($"the file {_url.Target} has no frame OpenCV can decode");
                    }

                    if (!Camera.Loop)
                    {
                        _logger.LogInformation("Camera {Camera} ({Url}): end of file after {Frames} frames", CameraId, DisplayUrl, NextFrameIndex);
                        return;
                    }

                    capture.Dispose(); // reopening is more dependable than seeking back across containers
                    capture = Open();
                    framesThisPass = 0;
                    continue;
                }

                var timestamp = isFile ? TimeSpan.FromSeconds(NextFrameIndex / fps) : Elapsed;
                if (pacer is not null && !pacer.WaitForNext(cancellationToken))
                {
                    image.Dispose();
                    buffer?.Dispose();
                    return;
                }

                var publishing = PublishAsync(image, buffer, timestamp, cancellationToken);
                if (publishing.IsCompleted)
                {
                    publishing.GetAwaiter().GetResult();
                }
                else
                {
                    publishing.AsTask().GetAwaiter().GetResult(); // back-pressure: this thread waits for the consumer
                }

                framesThisPass++;
            }
        }
        finally
        {
            capture.Dispose();
        }
    }

    /// <summary>Decodes the next frame into a pooled buffer (or a Mat of its own when the size is not known).</summary>
    private bool TryRead(VideoCapture capture, out Mat image, out PooledFrameBuffer? buffer)
    {
        var (width, height) = (capture.FrameWidth, capture.FrameHeight);
        buffer = width > 0 && height > 0 ? _pool.Rent(checked(width * height * 3)) : null;
        image = buffer is null ? new Mat() : Mat.FromPixelData(height, width, MatType.CV_8UC3, buffer.Pointer);
        try
        {
            if (capture.Read(image) && !image.Empty())
            {
                if (buffer is not null && image.Data != buffer.Pointer)
                {
                    buffer.Dispose(); // OpenCV reallocated (another size or type): the Mat owns its pixels now
                    buffer = null;
                }

                return true;
            }
        }
        catch
        {
            image.Dispose();
            buffer?.Dispose();
            throw;
        }

        image.Dispose();
        buffer?.Dispose();
        buffer = null;
        return false;
    }

    private VideoCapture Open()
    {
        if (_url.Kind == CameraUrlKind.File && !File.Exists(_url.Target))
        {
            throw new CameraUrlException(CameraId, Camera.Url, $"names a file that no longer exists ({_url.Target})");
        }

        var capture = _url.Kind switch
        {
            CameraUrlKind.Device when _url.DeviceIndex is int index => new VideoCapture(index, VideoCaptureAPIs.V4L2),
            CameraUrlKind.Device => new VideoCapture(_url.Target, VideoCaptureAPIs.V4L2),
            _ => new VideoCapture(_url.Target, VideoCaptureAPIs.FFMPEG),
        };
        if (capture.IsOpened())
        {
            return capture;
        }

        capture.Dispose();
        throw _url.Kind == CameraUrlKind.File
            ? new PermanentSourceException($"OpenCV cannot open the file {_url.Target} (not a video, or a codec its FFmpeg lacks)")
            : new ConnectionFailedException($"cannot open the device {_url.Target} (unplugged, busy, or no permission)");
    }

    private static CameraUrl Parse(CameraOptions camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var url = CameraUrl.Parse(camera.Id, camera.Url);
        return url.Kind == CameraUrlKind.Network
            ? throw new CameraUrlException(camera.Id, camera.Url, "is a network stream, which this OpenCV build cannot open; use FfmpegFrameSource")
            : url;
    }
}
