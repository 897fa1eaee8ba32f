using System.Threading.Channels;

namespace Watchpost.Ingest;

/// <summary>
/// One camera's frames. The source reads in the background once started, keeps at most a few frames
/// (newest wins: a slow consumer makes it drop and count the oldest), and reconnects by itself.
/// </summary>
public interface IFrameSource : IAsyncDisposable
{
    string CameraId { get; }
    CameraState State { get; }

    /// <summary>Why the camera is not streaming (null while it is): shown in status and logs.</summary>
    string? LastError { get; }
    CameraCounters Counters { get; }

    /// <summary>Frames in order. Completes when the source stops (a file that does not loop ends, or disposal).</summary>
    ChannelReader<VideoFrame> Frames { get; }

    /// <summary>Starts the background reader; returns at once.</summary>
    void Start(CancellationToken cancellationToken);
}
