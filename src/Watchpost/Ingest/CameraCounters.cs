namespace Watchpost.Ingest;

/// <summary>Per-camera counters, updated lock-free by the reader and the pipeline and read by status and bench.</summary>
public sealed class CameraCounters
{
    private long _framesIn;
    private long _framesProcessed;
    private long _framesDropped;
    private long _reconnects;
    private long _framesGated;

    public long FramesIn => Interlocked.Read(ref _framesIn);
    public long FramesProcessed => Interlocked.Read(ref _framesProcessed);
    public long FramesDropped => Interlocked.Read(ref _framesDropped);
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Frames the motion gate kept from the detector (tracked and ruled on with no detections).</summary>
    public long FramesGated => Interlocked.Read(ref _framesGated);

    public void FrameIn() => Interlocked.Increment(ref _framesIn);
    public void FrameProcessed() => Interlocked.Increment(ref _framesProcessed);
    public void FrameDropped() => Interlocked.Increment(ref _framesDropped);
    public void Reconnected() => Interlocked.Increment(ref _reconnects);
    public void FrameGated() => Interlocked.Increment(ref _framesGated);
}
