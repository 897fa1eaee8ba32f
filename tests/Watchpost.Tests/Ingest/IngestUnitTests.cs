using Watchpost.Ingest;

namespace Watchpost.Tests.Ingest;

/// <summary>The small pure pieces of the readers.</summary>
public sealed class IngestUnitTests
{
    // Lines as ffmpeg 5.1 writes them (captured from real runs against rtsp-server-perl).
    private static readonly string[] StreamingLines =
    [
        "Input #0, rtsp, from 'rtsp://127.0.0.1:18554/cam1':",
        "  Stream #0:0: Video: h264 (High), yuv420p(progressive), 768x576, 10 fps, 10 tbr, 90k tbn",
        "Stream mapping:",
        "[Parsed_metadata_1 @ 0x560ebf61d280] frame:0    pts:63000   pts_time:0.7",
        "[Parsed_metadata_1 @ 0x560ebf61d280] watchpost=1",
        "Output #0, rawvideo, to 'pipe:1':",
        "  Stream #0:0: Video: rawvideo (BGR[24] / 0x18524742), bgr24(pc, gbr/unknown/unknown, progressive), 768x576, q=2-31, 106168 kb/s, 10 fps, 10 tbn",
        "[Parsed_metadata_1 @ 0x560ebf61d280] frame:1    pts:72000   pts_time:0.8",
        "[Parsed_metadata_1 @ 0x560ebf61d280] frame:3    pts:NOPTS   pts_time:NOPTS",
    ];

    [Fact]
    public async Task The_ffmpeg_log_gives_the_output_size_and_each_frames_pts()
    {
        var log = new FfmpegLog("c", "rtsp://127.0.0.1:18554/cam1", new CapturedLogs().For<IngestUnitTests>());
        foreach (var line in StreamingLines)
        {
            log.Handle(line);
        }

        Assert.Equal((768, 576), await log.OutputSize);
        Assert.Equal("h264 (High), yuv420p(progressive), 768x576, 10 fps, 10 tbr, 90k tbn", log.InputDescription);
        Assert.Equal(0.7, await log.PtsOfFrameAsync(0, CancellationToken.None));
        Assert.Equal(0.8, await log.PtsOfFrameAsync(1, CancellationToken.None));
        Assert.Null(await log.PtsOfFrameAsync(2, CancellationToken.None)); // no line for frame 2
        Assert.Null(await log.PtsOfFrameAsync(3, CancellationToken.None)); // NOPTS
        Assert.Null(log.Summary()); // nothing went wrong
    }

    [Fact]
    public void The_ffmpeg_log_summary_is_the_last_problem_lines_without_addresses_or_passwords()
    {
        var log = new FfmpegLog("c", "rtsp://admin:s3cret@127.0.0.1:18554/nope", new CapturedLogs().For<IngestUnitTests>());
        log.Handle("[rtsp @ 0x561f4ce0a9c0] method DESCRIBE failed: 404 Not Found");
        log.Handle("rtsp://admin:s3cret@127.0.0.1:18554/nope: Server returned 404 Not Found");

        Assert.Equal("[rtsp] method DESCRIBE failed: 404 Not Found; rtsp://admin:***@127.0.0.1:18554/nope: Server returned 404 Not Found", log.Summary());
    }

    [Theory]
    [InlineData("rtsp://admin:s3cret@10.0.0.2:554/s", "rtsp://admin:***@10.0.0.2:554/s")]
    [InlineData("rtsp://10.0.0.2:554/s", "rtsp://10.0.0.2:554/s")]
    [InlineData("rtsp://admin@10.0.0.2/s", "rtsp://admin@10.0.0.2/s")]
    [InlineData("/srv/video/clip.mp4", "/srv/video/clip.mp4")]
    public void Passwords_are_hidden(string url, string shown) => Assert.Equal(shown, UrlRedaction.Redact(url));

    [Fact]
    public void Back_off_doubles_up_to_ten_seconds()
    {
        var backoff = ReconnectBackoff.Default;
        Assert.InRange(backoff.DelayBefore(1).TotalSeconds, 0.4, 0.5);
        Assert.InRange(backoff.DelayBefore(2).TotalSeconds, 0.8, 1.0);
        Assert.InRange(backoff.DelayBefore(4).TotalSeconds, 3.2, 4.0);
        Assert.All(Enumerable.Range(6, 100), attempt => Assert.InRange(backoff.DelayBefore(attempt).TotalSeconds, 8, 10));
    }

    [Fact]
    public void Stream_time_follows_the_pts_and_only_moves_forward_across_connections()
    {
        var clock = new StreamClock();
        var t0 = clock.Next(0.7, TimeSpan.FromSeconds(1.6));
        var t1 = clock.Next(0.8, TimeSpan.FromSeconds(1.61));
        clock.NewConnection();
        var t2 = clock.Next(0.1, TimeSpan.FromSeconds(1.65)); // the server restarted its clock
        var t3 = clock.Next(0.2, TimeSpan.FromSeconds(1.66));
        var t4 = clock.Next(null, TimeSpan.FromSeconds(1.0)); // no pts: wall time, but never backwards
        var t5 = clock.Next(5000, TimeSpan.FromSeconds(2.0)); // a jump of hours: re-anchored

        Assert.Equal(TimeSpan.FromSeconds(1.6), t0);
        Assert.Equal(TimeSpan.FromSeconds(1.7), t1);
        Assert.Equal(TimeSpan.FromSeconds(1.7), t2);
        Assert.Equal(TimeSpan.FromSeconds(1.8), t3);
        Assert.Equal(t3, t4);
        Assert.Equal(TimeSpan.FromSeconds(2.0), t5);
    }

    [Fact]
    public void The_buffer_pool_reuses_returned_buffers()
    {
        var pool = new FrameBufferPool();
        var a = pool.Rent(100);
        var pointer = a.Pointer;
        a.Dispose();
        a.Dispose(); // twice is harmless
        using var b = pool.Rent(100);
        using var c = pool.Rent(100);
        using var d = pool.Rent(200); // a new size: old buffers are not handed out

        Assert.Equal(pointer, b.Pointer);
        Assert.NotEqual(pointer, c.Pointer);
        Assert.Equal(3, pool.Allocated);
    }
}
