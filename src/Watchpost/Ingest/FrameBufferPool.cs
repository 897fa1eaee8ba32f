using System.Collections.Concurrent;

namespace Watchpost.Ingest;

/// <summary>
/// Pinned pixel buffers of one size, reused frame after frame so that a camera's steady state allocates nothing.
/// Buffers are pinned (pinned object heap) because a <see cref="OpenCvSharp.Mat"/> points straight into them.
/// A frame the consumer never disposes is simply collected; the pool then makes a new buffer.
/// </summary>
internal sealed class FrameBufferPool
{
    private readonly ConcurrentQueue<byte[]> _idle = new();
    private readonly int _maxIdle;
    private int _size;
    private long _allocated;

    public FrameBufferPool(int maxIdle = 8) => _maxIdle = maxIdle;

    /// <summary>Buffers created so far (a test reads it to prove that memory stays bounded).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    public PooledFrameBuffer Rent(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(size, 0);
        if (Interlocked.Exchange(ref _size, size) != size)
        {
            _idle.Clear(); // the stream changed resolution: the old buffers no longer fit
        }

        while (_idle.TryDequeue(out var idle))
        {
            if (idle.Length == size)
            {
                return new PooledFrameBuffer(this, idle);
            }
        }

        Interlocked.Increment(ref _allocated);
        return new PooledFrameBuffer(this, GC.AllocateUninitializedArray<byte>(size, pinned: true));
    }

    internal void Return(byte[] buffer)
    {
        if (buffer.Length == Volatile.Read(ref _size) && _idle.Count < _maxIdle)
        {
            _idle.Enqueue(buffer);
        }
    }
}
