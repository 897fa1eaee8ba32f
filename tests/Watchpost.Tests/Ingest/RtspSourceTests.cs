using Watchpost.Configuration;
using Watchpost.Ingest;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Ingest;

/// <summary>The ffmpeg reader against a real RTSP server (rtsp-server-perl, UDP transport).</summary>
public sealed class RtspSourceTests(RtspServerFixture fixture, ITestOutputHelper output) : IClassFixture<RtspServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static CameraOptions Camera(string id, string url) => new() { Id = id, Url = url, Transport = "udp", FrameTimeoutSeconds = 5 };

    [Fact]
    public async Task Frames_arrive_at_the_stream_size_with_increasing_index_and_time()
    {
        using var logs = new CapturedLogs(output);
        await using var source = FrameSourceFactory.Create(Camera("gate-1", fixture.Server.UrlFor("cam")), logs.Factory);
        Assert.IsType<FfmpegFrameSource>(source);
        source.Start(CancellationToken.None);

        var frames = await FrameReading.TakeAsync(source, 15, Timeout);

        Assert.All(frames, f => Assert.Equal((TestClip.Width, TestClip.Height, 3), (f.Width, f.Height, f.Channels)));
        Assert.All(frames, f => Assert.InRange(f.Mean, 20, 240)); // real pictures, not a black or torn buffer
        Assert.Equal(frames.Count, frames.Select(f => f.Index).Distinct().Count());
        Assert.Equal(frames.Select(f => f.Index).Order(), frames.Select(f => f.Index));
        Assert.Equal(frames.Select(f => f.Timestamp).Order(), frames.Select(f => f.Timestamp));
        // The clip is 10 fps: the stream's PTS advances 0.1 s a frame (the first frames may jump once, when the
        // first RTCP sender report lets ffmpeg put RTP time on the sender's clock).
        var steps = frames.Zip(frames.Skip(1), (a, b) => (b.Timestamp - a.Timestamp).TotalSeconds / (b.Index - a.Index)).Order().ToList();
        Assert.InRange(steps[steps.Count / 2], 0.095, 0.105);
        Assert.Equal(CameraState.Streaming, source.State);
        Assert.Null(source.LastError);
        Assert.Contains(logs.Lines, l => l.Contains($"Camera gate-1 streaming {fixture.Server.UrlFor("cam")} (768x576)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_camera_reports_why_while_another_keeps_streaming()
    {
        using var logs = new CapturedLogs(output);
        var closed = $"rtsp://admin:s3cret@127.0.0.1:{FreePort.Tcp()}/gate";
        var unpublished = fixture.Server.UrlFor("nobody-publishes-this");
        await using var refused = FrameSourceFactory.Create(Camera("refused", closed), logs.Factory);
        await using var missing = FrameSourceFactory.Create(Camera("missing", unpublished), logs.Factory);
        await using var good = FrameSourceFactory.Create(Camera("good", fixture.Server.UrlFor("cam")), logs.Factory);
        refused.Start(CancellationToken.None);
        missing.Start(CancellationToken.None);
        good.Start(CancellationToken.None);

        await FrameReading.TakeAsync(good, 5, Timeout);
        await Poll.UntilAsync(() => refused.LastError is not null && missing.LastError is not null, Timeout, () => $"refused: {refused.State}, missing: {missing.State}");
        var during = await FrameReading.TakeAsync(good, 10, Timeout);

        Assert.Equal(CameraState.Reconnecting, refused.State);
        Assert.Contains("Connection refused", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(CameraState.Reconnecting, missing.State);
        Assert.Contains("404 Not Found", missing.LastError, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning: Camera refused (rtsp://admin:***@127.0.0.1:", StringComparison.Ordinal) && l.Contains("Connection refused", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith($"Warning: Camera missing ({unpublished}): ffmpeg exited with code", StringComparison.Ordinal) && l.Contains("404 Not Found", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("s3cret", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(CameraState.Streaming, good.State);
        Assert.Equal(0, good.Counters.Reconnects);
        Assert.Equal(10, during.Count);
    }
}
