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

    /// <summary>True when the source already hands over only the frames at the camera's detect rate (ffmpeg selects them).</summary>
    bool DeliversDetectRate => false;

    /// <summary>CPU time spent decoding outside this process (the camera's ffmpeg) so far; null when decoding runs in-process.</summary>
    TimeSpan? DecoderCpuTime => null;

    /// <summary>The reduction in force (see <see cref="TryReduce"/>), or null while the source reads at the camera's own rate.</summary>
    IngestReduction? Reduction => null;

    /// <summary>
    /// Reads at a reduced rate from now on (the reader restarts with it; not counted as a reconnect), or at the
    /// camera's own rate again with null. False where the source cannot (it reads every frame in-process).
    /// </summary>
    bool TryReduce(IngestReduction? reduction) => false;

    /// <summary>Starts the background reader; returns at once.</summary>
    void Start(CancellationToken cancellationToken);
}
