using System.Runtime.InteropServices;

namespace Watchpost.Ingest;

/// <summary>One rented pixel buffer; disposing it (once, through its frame) gives it back to the pool.</summary>
internal sealed class PooledFrameBuffer : IDisposable
{
    private readonly FrameBufferPool _pool;
    private byte[]? _buffer;

    public PooledFrameBuffer(FrameBufferPool pool, byte[] buffer)
    {
        _pool = pool;
        _buffer = buffer;
        Pointer = Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
    }

    /// <summary>Address of the first byte; stable because the buffer is pinned.</summary>
    public IntPtr Pointer { get; }

    public Memory<byte> Memory => _buffer ?? throw new ObjectDisposedException(nameof(PooledFrameBuffer));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            _pool.Return(buffer);
        }
    }
}
