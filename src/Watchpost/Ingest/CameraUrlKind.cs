namespace Watchpost.Ingest;

/// <summary>How a camera URL is read.</summary>
public enum CameraUrlKind
{
    /// <summary>A network stream (rtsp, http, ...): read by an ffmpeg child process.</summary>
    Network,

    /// <summary>A video file: read by OpenCV's VideoCapture, timestamps from the container's frame rate.</summary>
    File,

    /// <summary>A local (USB) camera: read by OpenCV's VideoCapture through V4L2.</summary>
    Device,
}
