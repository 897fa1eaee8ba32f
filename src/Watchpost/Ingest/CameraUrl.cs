using System.Globalization;
using System.Text.RegularExpressions;

namespace Watchpost.Ingest;

/// <summary>A camera URL sorted into how it is read: rtsp://... and other network URLs, a file, or a device.</summary>
/// <param name="Target">The network URL, the full file path, or the device path (/dev/videoN).</param>
/// <param name="DeviceIndex">For device:N, the V4L2 index N.</param>
public sealed partial record CameraUrl(CameraUrlKind Kind, string Target, int? DeviceIndex = null)
{
    private const string Expected =
        "expected rtsp://, rtsps://, http(s)://, rtmp://, srt://, udp://, a file path, file://, /dev/videoN or device:N";

    /// <summary>URL schemes ffmpeg reads as live network streams.</summary>
    public static readonly IReadOnlySet<string> NetworkSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "srt", "udp", "rtp", "tcp",
    };

    /// <summary>Sorts the camera's URL; throws <see cref="CameraUrlException"/> when it cannot be valid at all.</summary>
    public static CameraUrl Parse(string cameraId, string? url)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new CameraUrlException(cameraId, text, $"is empty; {Expected}");
        }

        if (text.StartsWith("device:", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(text.AsSpan("device:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? new CameraUrl(CameraUrlKind.Device, $"/dev/video{index}", index)
                : throw new CameraUrlException(cameraId, text, "is not a device: expected device:N with N a number (device:0)");
        }

        if (DevicePattern().Match(text) is { Success: true } device)
        {
            return new CameraUrl(CameraUrlKind.Device, text, int.Parse(device.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if (SchemePattern().Match(text) is { Success: true } scheme)
        {
            var name = scheme.Groups[1].Value;
            if (NetworkSchemes.Contains(name))
            {
                return new CameraUrl(CameraUrlKind.Network, text);
            }

            if (!name.Equals("file", StringComparison.OrdinalIgnoreCase))
            {
                throw new CameraUrlException(cameraId, text, $"has an unknown scheme '{name}'; {Expected}");
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw new CameraUrlException(cameraId, text, "is not a valid file:// URL (expected file:///path/to/video.mp4)");
            }

            return ExistingFile(cameraId, text, uri.LocalPath);
        }

        return ExistingFile(cameraId, text, text);
    }

    private static CameraUrl ExistingFile(string cameraId, string url, string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? new CameraUrl(CameraUrlKind.File, full)
            : throw new CameraUrlException(cameraId, url, $"names a file that does not exist ({full}); {Expected}");
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*)://")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^/dev/video(\d+)$")]
    private static partial Regex DevicePattern();
}
