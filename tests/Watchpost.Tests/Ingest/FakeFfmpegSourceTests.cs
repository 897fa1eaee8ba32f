using Watchpost.Configuration;
using Watchpost.Ingest;

using Watchpost.Tests.Support;

namespace Watchpost.Tests.Ingest;

/// <summary>The ffmpeg reader against a small fake ffmpeg: exact frames, PTS, stream ends, freezes, slow consumers.</summary>
public sealed class FakeFfmpegSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CameraOptions Camera(string id, double frameTimeoutSeconds = 5) =>
        new() { Id = id, Url = "rtsp://admin:s3cret@fake.invalid/stream", Transport = "udp", FrameTimeoutSeconds = frameTimeoutSeconds };

    [Fact]
    public async Task Frames_have_the_announced_size_their_own_pixels_and_the_stream_time()
    {
        using var fake = FakeFfmpeg.Create(64, 48, frames: 10, paceSeconds: 0.02, ptsStart: 5, ptsFps: 25);
        using var logs = new CapturedLogs();
        await using var source = new FfmpegFrameSource(Camera("fake-1"), logs.For<FfmpegFrameSource>(), fake.Executable);
        source.Start(CancellationToken.None);

        // The fake exits after 10 frames; the source reconnects and the fake starts over (its PTS from 5 s again).
        var frames = new List<FrameFacts>();
        using var cancel = new CancellationTokenSource(Timeout);
        while (frames.Count == 0 || frames[^1].Index < 13)
        {
            using var frame = await source.Frames.ReadAsync(cancel.Token);
            frames.Add(FrameReading.Facts(frame));
        }

        Assert.All(frames, f => Assert.Equal((64, 48, 3), (f.Width, f.Height, f.Channels)));
        Assert.All(frames, f => Assert.Equal(FakeFfmpeg.ByteOf(f.Index < 10 ? f.Index : f.Index - 10), f.FirstByte));
        Assert.Equal(frames.Select(f => f.Index).Order(), frames.Select(f => f.Index));
        Assert.Equal(frames.Count, frames.Select(f => f.Index).Distinct().Count());

        // Within a connection timestamps follow the PTS (0.04 s steps) although the fake writes every 0.02 s.
        var first = frames.Where(f => f.Index < 10).ToList();
        Assert.All(first, f => Assert.Equal((f.Index - first[0].Index) * 0.04, (f.Timestamp - first[0].Timestamp).TotalSeconds, 6));
        var second = frames.Where(f => f.Index >= 10).ToList();
        Assert.True(second[0].Timestamp > first[^1].Timestamp, "timestamps keep increasing across the reconnect");
        Assert.All(second, f => Assert.Equal((f.Index - second[0].Index) * 0.04, (f.Timestamp - second[0].Timestamp).TotalSeconds, 6));

        Assert.True(source.Counters.Reconnects >= 1);
        Assert.Contains(logs.Lines, l => l.Contains("Camera fake-1 (rtsp://admin:***@fake.invalid/stream): the stream ended after 10 frames (ffmpeg exited with code 0): fake: the stream went away", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_frozen_stream_is_killed_by_the_watchdog_and_restarted()
    {
        using var fake = FakeFfmpeg.Create(32, 24, frames: 3, paceSeconds: 0.02, hang: true);
        using var logs = new CapturedLogs();
        await using var source = new FfmpegFrameSource(Camera("fake-frozen", frameTimeoutSeconds: 1), logs.For<FfmpegFrameSource>(), fake.Executable);
        source.Start(CancellationToken.None);

        await FrameReading.TakeAsync(source, 3, Timeout);
        var frozen = fake.LastPid ?? throw new InvalidOperationException("the fake did not write its pid");
        const string said = "no frame for 1 s (frame-gap watchdog); restarting the reader; ffmpeg said: [udp] fake: RTP: missed 42 packets";
        await Poll.UntilAsync(() => logs.Lines.Any(l => l.Contains(said, StringComparison.Ordinal)), Timeout, () => string.Join('\n', logs.Lines));
        await Poll.UntilAsync(() => !Directory.Exists($"/proc/{frozen}"), Timeout, () => $"the frozen reader (pid {frozen}) is still running");

        var again = await FrameReading.TakeAsync(source, 1, Timeout);
        Assert.True(again[0].Index >= 3, "frame indexes keep counting after the restart");
        Assert.True(source.Counters.Reconnects >= 1);
    }

    [Fact]
    public async Task A_slow_consumer_makes_the_source_drop_the_oldest_frames_with_bounded_memory()
    {
        const int total = 300;
        using var fake = FakeFfmpeg.Create(64, 48, frames: total, hang: true); // all frames as fast as the pipe goes
        await using var source = new FfmpegFrameSource(Camera("fake-slow", frameTimeoutSeconds: 30), new CapturedLogs().For<FfmpegFrameSource>(), fake.Executable);
        source.Start(CancellationToken.None);

        var consumed = 0;
        var mostBuffered = 0;
        using var cancel = new CancellationTokenSource(Timeout);
        while (source.Counters.FramesIn < total || source.Buffered > 0)
        {
            mostBuffered = Math.Max(mostBuffered, source.Buffered);
            using var frame = await source.Frames.ReadAsync(cancel.Token);
            Assert.Equal(FakeFfmpeg.ByteOf(frame.Index), frame.Image.At<byte>(0, 0)); // a held frame is never overwritten
            consumed++;
            await Task.Delay(5, cancel.Token);
            mostBuffered = Math.Max(mostBuffered, source.Buffered);
        }

        Assert.Equal(total, source.Counters.FramesIn);
        Assert.Equal(total, consumed + source.Counters.FramesDropped);
        Assert.True(source.Counters.FramesDropped > total / 2, $"dropped {source.Counters.FramesDropped}");
        Assert.InRange(mostBuffered, 0, FrameSourceBase.Capacity);
        Assert.InRange(source.BuffersAllocated, 1, FrameSourceBase.Capacity + 3);
    }

    [Fact]
    public async Task Ffmpeg_failing_before_its_first_frame_leaves_its_words_in_the_error()
    {
        using var fake = FakeFfmpeg.Create(32, 24, frames: 0, announceSize: false, exitCode: 1);
        await using var source = new FfmpegFrameSource(Camera("fake-fails"), new CapturedLogs().For<FfmpegFrameSource>(), fake.Executable);
        source.Start(CancellationToken.None);

        await Poll.UntilAsync(() => source.LastError is not null, Timeout, () => $"state {source.State}");
        Assert.Equal(CameraState.Reconnecting, source.State);
        Assert.Equal("ffmpeg exited with code 1 before the first frame: fake: the stream went away", source.LastError);
    }

    [Fact]
    public async Task A_missing_ffmpeg_fails_the_camera_with_a_clear_error()
    {
        await using var source = new FfmpegFrameSource(Camera("no-ffmpeg"), new CapturedLogs().For<FfmpegFrameSource>(), "/nonexistent/ffmpeg");
        source.Start(CancellationToken.None);

        await source.Frames.Completion.WaitAsync(Timeout);
        Assert.Equal(CameraState.Failed, source.State);
        Assert.StartsWith("cannot run ffmpeg ('/nonexistent/ffmpeg')", source.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_kills_the_child_process_and_completes_the_channel()
    {
        using var fake = FakeFfmpeg.Create(32, 24, frames: 5, hang: true);
        var source = new FfmpegFrameSource(Camera("fake-dispose", frameTimeoutSeconds: 30), new CapturedLogs().For<FfmpegFrameSource>(), fake.Executable);
        source.Start(CancellationToken.None);
        await FrameReading.TakeAsync(source, 1, Timeout);
        var pid = fake.LastPid ?? throw new InvalidOperationException("the fake did not write its pid");

        await source.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"), "ffmpeg is still running after DisposeAsync");
        Assert.True(source.Frames.Completion.IsCompleted);
        Assert.Equal(0, source.Buffered);
        Assert.Equal(CameraState.Stopped, source.State);
    }
}
