using Watchpost.Configuration;
using Watchpost.Ingest;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Ingest;

/// <summary>
/// A live RTSP camera's ffmpeg reader lowered while the box is overloaded: it restarts at once at the lower rate,
/// decoding key frames only (the test clip has one a second), without counting a reconnect, and goes back to the
/// detect rate when asked.
/// </summary>
public sealed class FfmpegReductionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Long enough for the restarted ffmpeg to connect and hand over its first frame.</summary>
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_reduced_reader_hands_over_the_lower_rate_of_key_frames_and_returns_to_the_detect_rate()
    {
        using var server = await RtspTestServer.StartAsync("gate");
        using var logs = new CapturedLogs(output);
        var camera = new CameraOptions { Id = "gate-1", Url = server.UrlFor("gate"), Transport = "udp", DetectFps = 5, FrameTimeoutSeconds = 5 };
        await using var source = Assert.IsType<FfmpegFrameSource>(FrameSourceFactory.Create(camera, logs.Factory));
        source.Start(CancellationToken.None);
        await Poll.UntilAsync(() => source.Counters.FramesIn > 0, Timeout, () => $"state {source.State}: {source.LastError}");
        await Task.Delay(Restart); // past the burst a new connection may start with
        var full = await RateAsync(source, TimeSpan.FromSeconds(4));

        Assert.True(source.TryReduce(new IngestReduction(0.5, KeyFramesOnly: true)));
        Assert.Contains("-skip_frame", source.Arguments);
        await Task.Delay(Restart);
        var reduced = await RateAsync(source, TimeSpan.FromSeconds(10));

        Assert.True(source.TryReduce(null));
        Assert.DoesNotContain("-skip_frame", source.Arguments);
        await Task.Delay(Restart);
        var back = await RateAsync(source, TimeSpan.FromSeconds(4));

        output.WriteLine($"frames/s: full {full:0.00}, reduced {reduced:0.00}, back {back:0.00}");
        Assert.InRange(full, 4, 6);
        Assert.InRange(reduced, 0.3, 0.7);
        Assert.InRange(back, 4, 6);
        Assert.Equal(0, source.Counters.Reconnects);
        Assert.Equal(CameraState.Streaming, source.State);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("reader restarted with new settings", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Files_and_cameras_without_a_detect_rate_are_not_reduced()
    {
        var logs = new CapturedLogs().Factory;
        var file = new CameraOptions { Id = "file", Url = TestClip.Path, DetectFps = 5 };
        var everyFrame = new CameraOptions { Id = "all", Url = "rtsp://10.0.0.9/s", DetectFps = 0 };
        var reduction = new IngestReduction(1, KeyFramesOnly: true);

        await using var fileSource = FrameSourceFactory.Create(file, logs);
        await using var everyFrameSource = FrameSourceFactory.Create(everyFrame, logs);

        Assert.False(fileSource.TryReduce(reduction));
        Assert.False(everyFrameSource.TryReduce(reduction));
        Assert.Null(fileSource.Reduction);
        Assert.Null(everyFrameSource.Reduction);
    }

    /// <summary>Frames the reader took from ffmpeg per second over <paramref name="window"/> (a live source drops what nobody reads).</summary>
    private static async Task<double> RateAsync(FfmpegFrameSource source, TimeSpan window)
    {
        var before = source.Counters.FramesIn;
        await Task.Delay(window);
        return (source.Counters.FramesIn - before) / window.TotalSeconds;
    }
}
