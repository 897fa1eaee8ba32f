using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Events;

namespace Watchpost.Tests.Events;

/// <summary>The real renderer behind a gate the test opens: holds the recorder mid-render.</summary>
internal sealed class GatedSnapshotRenderer : ISnapshotRenderer
{
    private readonly SnapshotRenderer _inner = new();
    private readonly ManualResetEventSlim _gate = new(false);
    private int _waiting;

    /// <summary>Renders that have reached the gate.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Open() => _gate.Set();

    public byte[] Render(Mat frame, BoundingBox box, string label)
    {
        Interlocked.Increment(ref _waiting);
        Assert.True(_gate.Wait(TimeSpan.FromSeconds(30)), "the test never opened the renderer's gate");
        return _inner.Render(frame, box, label);
    }
}
