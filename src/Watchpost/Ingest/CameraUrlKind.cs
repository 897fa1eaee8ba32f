namespace Watchpost.Ingest;

/// <summary>How a camera URL is read.</summary>
public enum CameraUrlKind
{
    /// <summary>A network stream (rtsp, http, ...): read by an ffmpeg child process.</summary>
    Network,

    /// <summary>A video file: read by an ffmpeg child process like a network stream, timestamps from the file's own clock.</summary>
    File,

    /// <summary>A local (USB) camera: read by OpenCV's VideoCapture through V4L2.</summary>
    Device,
}
