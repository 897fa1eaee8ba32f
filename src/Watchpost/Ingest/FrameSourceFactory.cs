using Microsoft.Extensions.Logging;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>
/// Chooses a camera's reader from its URL: ffmpeg for network streams and files (Debian's ffmpeg converts colour with
/// SIMD, OpenCvSharp's bundled one with C fallbacks, and only ffmpeg can select frames before converting them),
/// VideoCapture for local devices.
/// </summary>
public static class FrameSourceFactory
{
    /// <summary>Creates the camera's source (not started).</summary>
    /// <exception cref="CameraUrlException">The URL cannot be valid at all: unknown scheme, missing file.</exception>
    public static IFrameSource Create(CameraOptions camera, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(loggers);
        return CameraUrl.Parse(camera.Id, camera.Url).Kind switch
        {
            CameraUrlKind.Network or CameraUrlKind.File => new FfmpegFrameSource(camera, loggers.CreateLogger<FfmpegFrameSource>()),
            _ => new VideoCaptureFrameSource(camera, loggers.CreateLogger<VideoCaptureFrameSource>()),
        };
    }
}
