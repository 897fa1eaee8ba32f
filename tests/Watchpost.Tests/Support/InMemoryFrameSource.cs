using System.Threading.Channels;
using Watchpost.Ingest;

namespace Watchpost.Tests.Support;

/// <summary>A camera whose frames come from a list, then the end of the stream: for pipeline tests without ffmpeg.</summary>
internal sealed class InMemoryFrameSource : IFrameSource
{
    private readonly Channel<VideoFrame> _frames = Channel.CreateUnbounded<VideoFrame>();

    public InMemoryFrameSource(IEnumerable<VideoFrame> frames)
    {
        foreach (var frame in frames)
        {
            _frames.Writer.TryWrite(frame);
        }

        _frames.Writer.Complete();
    }

    public string CameraId => "cam";
    public CameraState State => CameraState.Streaming;
    public string? LastError => null;
    public CameraCounters Counters { get; } = new();
    public ChannelReader<VideoFrame> Frames => _frames.Reader;

    public void Start(CancellationToken cancellationToken)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
