using OpenCvSharp;

namespace Watchpost.Ingest;

/// <summary>
/// One decoded frame of one camera. The frame owns its <see cref="Image"/>: whoever takes the frame out of a
/// source's channel disposes it (or hands it on to something that does). The image may live in a pooled buffer
/// that goes back to its source on disposal, so use it only while the frame is undisposed (Clone() to keep it).
/// </summary>
public sealed class VideoFrame : IDisposable
{
    private readonly IDisposable? _pixelOwner;

    public VideoFrame(string cameraId, long index, TimeSpan timestamp, DateTimeOffset receivedAt, Mat image)
        : this(cameraId, index, timestamp, receivedAt, image, pixelOwner: null)
    {
    }

    /// <param name="pixelOwner">Owner of the memory <paramref name="image"/> points into (a pooled buffer):
    /// disposed after the image, which returns the buffer to its pool.</param>
    public VideoFrame(string cameraId, long index, TimeSpan timestamp, DateTimeOffset receivedAt, Mat image, IDisposable? pixelOwner)
    {
        CameraId = cameraId;
        Index = index;
        Timestamp = timestamp;
        ReceivedAt = receivedAt;
        Image = image;
        _pixelOwner = pixelOwner;
    }

    public string CameraId { get; }

    /// <summary>0-based index of the frame since the source started (it keeps counting across reconnects).</summary>
    public long Index { get; }

    /// <summary>The stream's own time of the frame (presentation time, or index / fps for a file): rules use this.</summary>
    public TimeSpan Timestamp { get; }

    /// <summary>Wall-clock time the frame was read: used only to measure frame-to-alert latency.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>BGR pixels, 8 bits per channel.</summary>
    public Mat Image { get; }

    public void Dispose()
    {
        Image.Dispose();
        _pixelOwner?.Dispose();
    }
}
