using Watchpost.Configuration;
using Watchpost.Ingest;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Ingest;

/// <summary>File cameras through VideoCapture: every frame in order, looping, pacing.</summary>
public sealed class VideoCaptureSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CameraOptions Camera(string id, bool loop, bool realtime) =>
        new() { Id = id, Url = TestClip.Path, Loop = loop, Realtime = realtime, FrameTimeoutSeconds = 5 };

    [Fact]
    public async Task A_file_read_as_fast_as_possible_waits_for_a_slow_consumer_and_drops_nothing()
    {
        await using var source = FrameSourceFactory.Create(Camera("file-1", loop: false, realtime: false), new CapturedLogs().Factory);
        Assert.Equal(CameraUrlKind.File, Assert.IsType<VideoCaptureFrameSource>(source).Kind);
        source.Start(CancellationToken.None);

        var frames = new List<FrameFacts>();
        using var cancel = new CancellationTokenSource(Timeout);
        await foreach (var frame in source.Frames.ReadAllAsync(cancel.Token))
        {
            using (frame)
            {
                frames.Add(FrameReading.Facts(frame));
            }

            if (frames.Count % 10 == 0)
            {
                await Task.Delay(30, cancel.Token); // slower than the decoder: the reader must wait, not drop
            }
        }

        Assert.Equal(Enumerable.Range(0, TestClip.Frames).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal(TimeSpan.FromSeconds(f.Index / TestClip.Fps), f.Timestamp));
        Assert.All(frames, f => Assert.Equal((TestClip.Width, TestClip.Height, 3), (f.Width, f.Height, f.Channels)));
        Assert.All(frames, f => Assert.InRange(f.Mean, 20, 240));
        Assert.Equal(0, source.Counters.FramesDropped);
        Assert.Equal(CameraState.Stopped, source.State);
        Assert.Null(source.LastError);
    }

    [Fact]
    public async Task A_looping_file_starts_again_and_keeps_counting()
    {
        await using var source = FrameSourceFactory.Create(Camera("file-loop", loop: true, realtime: false), new CapturedLogs().Factory);
        source.Start(CancellationToken.None);

        var frames = await FrameReading.TakeAsync(source, (2 * TestClip.Frames) + 20, Timeout);

        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal(TimeSpan.FromSeconds(f.Index / TestClip.Fps), f.Timestamp));
        Assert.Equal(frames[0].Mean, frames[TestClip.Frames].Mean, 6); // frame 100 is frame 0 again
        Assert.Equal(frames[7].Mean, frames[(2 * TestClip.Frames) + 7].Mean, 6);
        Assert.NotEqual(frames[0].Mean, frames[TestClip.Frames - 1].Mean);
        Assert.Equal(0, source.Counters.FramesDropped);
        Assert.Equal(0, source.Counters.Reconnects);
    }

    [Fact]
    public async Task A_realtime_file_is_paced_at_its_frame_rate()
    {
        await using var source = FrameSourceFactory.Create(Camera("file-live", loop: false, realtime: true), new CapturedLogs().Factory);
        source.Start(CancellationToken.None);

        var received = new List<DateTimeOffset>();
        using var cancel = new CancellationTokenSource(Timeout);
        while (received.Count < 12)
        {
            using var frame = await source.Frames.ReadAsync(cancel.Token);
            received.Add(frame.ReceivedAt);
        }

        // 10 intervals at 10 fps: one second (unpaced, the decoder needs a few milliseconds).
        var took = (received[^1] - received[1]).TotalSeconds;
        Assert.InRange(took, 0.9, 3);
    }
}
