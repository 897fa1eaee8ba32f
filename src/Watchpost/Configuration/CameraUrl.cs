namespace Watchpost.Configuration;

public enum CameraSourceKind
{
    /// <summary>rtsp://, rtsps://, http(s):// and other network streams: read through an ffmpeg process.</summary>
    Network,

    /// <summary>A video file, as a path or file:// URL: read through OpenCV.</summary>
    File,

    /// <summary>A USB camera, /dev/videoN or device:N: read through OpenCV.</summary>
    Device,
}

/// <summary>Tells what kind of source a camera URL names, so that config validation and ingest agree.</summary>
public static class CameraUrl
{
    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp", "srt"];

    public static CameraSourceKind Classify(string url)
    {
        if (url.StartsWith("/dev/video", StringComparison.Ordinal) || url.StartsWith("device:", StringComparison.Ordinal))
        {
            return CameraSourceKind.Device;
        }

        var colon = url.IndexOf("://", StringComparison.Ordinal);
        if (colon > 0)
        {
            var scheme = url[..colon].ToLowerInvariant();
            if (scheme == "file")
            {
                return CameraSourceKind.File;
            }

            if (NetworkSchemes.Contains(scheme))
            {
                return CameraSourceKind.Network;
            }

            throw new ArgumentException($"unsupported URL scheme '{scheme}://'; expected rtsp://, http(s)://, file://, a file path or /dev/videoN", nameof(url));
        }

        return CameraSourceKind.File;
    }

    /// <summary>The local path of a file source (strips file://).</summary>
    public static string FilePath(string url) =>
        url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(url).LocalPath : url;

    public static bool IsSupported(string url, out string? reason)
    {
        reason = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            reason = "empty; expected rtsp://..., a file path or /dev/videoN";
            return false;
        }

        try
        {
            Classify(url);
            return true;
        }
        catch (ArgumentException e)
        {
            reason = $"'{url}': {e.Message.Split(" (Parameter")[0]}";
            return false;
        }
    }
}
