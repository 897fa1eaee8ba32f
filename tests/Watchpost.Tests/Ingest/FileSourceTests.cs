using Watchpost.Configuration;
using Watchpost.Ingest;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Ingest;

/// <summary>
/// File cameras through both readers (ffmpeg, which the service uses, and VideoCapture): every frame in order,
/// looping, pacing.
/// </summary>
public sealed class FileSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CameraOptions Camera(string id, bool loop, bool realtime) =>
        new() { Id = id, Url = TestClip.Path, Loop = loop, Realtime = realtime, FrameTimeoutSeconds = 5 };

    private static FrameSourceBase Create(string reader, CameraOptions camera)
    {
        var logs = new CapturedLogs().Factory;
        return reader == "ffmpeg"
            ? Assert.IsType<FfmpegFrameSource>(FrameSourceFactory.Create(camera, logs)) // the service's reader for files
            : new VideoCaptureFrameSource(camera, Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<VideoCaptureFrameSource>(logs));
    }

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("videocapture")]
    public async Task A_file_read_as_fast_as_possible_waits_for_a_slow_consumer_and_drops_nothing(string reader)
    {
        await using var source = Create(reader, Camera("file-1", loop: false, realtime: false));
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

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("videocapture")]
    public async Task A_looping_file_starts_again_and_keeps_counting(string reader)
    {
        await using var source = Create(reader, Camera("file-loop", loop: true, realtime: false));
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

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("videocapture")]
    public async Task A_realtime_file_is_paced_at_its_frame_rate(string reader)
    {
        await using var source = Create(reader, Camera("file-live", loop: false, realtime: true));
        var started = DateTimeOffset.UtcNow;
        source.Start(CancellationToken.None);

        var received = new List<DateTimeOffset>();
        using var cancel = new CancellationTokenSource(Timeout);
        while (received.Count < 12)
        {
            using var frame = await source.Frames.ReadAsync(cancel.Token);
            received.Add(frame.ReceivedAt);
        }

        // Frame 11 is due 1.1 s after the first; unpaced, all 12 come within a few milliseconds. Both readers catch up
        // after a stall, so the lower bound counts from the start rather than between two frames.
        Assert.InRange((received[^1] - started).TotalSeconds, 1.0, 5);
        Assert.InRange((received[^1] - received[1]).TotalSeconds, 0, 3);
    }

    [Fact]
    public async Task With_a_detect_rate_ffmpeg_hands_over_only_the_frames_to_detect_and_its_cpu_is_counted()
    {
        var camera = Camera("file-5fps", loop: false, realtime: false);
        camera.DetectFps = 5;
        await using var source = Create("ffmpeg", camera);
        Assert.True(source.DeliversDetectRate);
        Assert.Equal(TimeSpan.Zero, source.DecoderCpuTime);
        source.Start(CancellationToken.None);

        var frames = new List<FrameFacts>();
        using var cancel = new CancellationTokenSource(Timeout);
        await foreach (var frame in source.Frames.ReadAllAsync(cancel.Token))
        {
            using (frame)
            {
                frames.Add(FrameReading.Facts(frame));
            }
        }

        // 100 frames at 10 fps detected at 5 fps: every other frame, on the file's own clock.
        Assert.Equal(TestClip.Frames / 2, frames.Count);
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => TimeSpan.FromSeconds(i * 0.2)), frames.Select(f => f.Timestamp));
        Assert.All(frames, f => Assert.Equal((TestClip.Width, TestClip.Height, 3), (f.Width, f.Height, f.Channels)));
        Assert.Equal(0, source.Counters.FramesDropped);
        Assert.True(source.DecoderCpuTime > TimeSpan.Zero, $"decoder CPU {source.DecoderCpuTime}");
    }

    [Fact]
    public async Task A_file_ffmpeg_cannot_decode_fails_for_good_with_ffmpegs_reason()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "not-a-video.mp4");
        await File.WriteAllTextAsync(path, "this is text, not a video");
        await using var source = Create("ffmpeg", new CameraOptions { Id = "bad-file", Url = path, Realtime = false });
        source.Start(CancellationToken.None);

        using var cancel = new CancellationTokenSource(Timeout);
        await foreach (var frame in source.Frames.ReadAllAsync(cancel.Token))
        {
            frame.Dispose();
        }

        Assert.Equal(CameraState.Failed, source.State);
        Assert.Contains($"the file {path} cannot be read", source.LastError, StringComparison.Ordinal);
        Assert.Contains("Invalid data", source.LastError, StringComparison.Ordinal);
        Assert.Equal(0, source.Counters.Reconnects);
    }
}
