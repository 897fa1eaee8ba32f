using Watchpost.Configuration;
using Watchpost.Ingest;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Ingest;

public sealed class FrameSourceFactoryTests
{
    private static IFrameSource Create(string url) => FrameSourceFactory.Create(new CameraOptions { Id = "cam-7", Url = url }, new CapturedLogs().Factory);

    [Theory]
    [InlineData("rtsp://10.0.0.21:554/stream2")]
    [InlineData("RTSPS://10.0.0.21/stream")]
    [InlineData("http://10.0.0.21/video.mjpg")]
    [InlineData("https://10.0.0.21/live.m3u8")]
    public async Task Network_urls_are_read_by_ffmpeg(string url)
    {
        await using var source = Create(url);
        Assert.IsType<FfmpegFrameSource>(source);
        Assert.Equal("cam-7", source.CameraId);
        Assert.Equal(CameraState.Starting, source.State);
    }

    [Fact]
    public async Task Files_are_read_by_ffmpeg_and_devices_by_VideoCapture()
    {
        await using var path = Create(TestAssets.Video);
        await using var fileUrl = Create(new Uri(TestAssets.Video).AbsoluteUri);
        await using var device = Create("device:0");
        await using var devicePath = Create("/dev/video3");

        Assert.Equal(TestAssets.Video, After(Assert.IsType<FfmpegFrameSource>(path).Arguments, "-i"));
        Assert.Equal(TestAssets.Video, After(Assert.IsType<FfmpegFrameSource>(fileUrl).Arguments, "-i"));
        Assert.Equal(CameraUrlKind.Device, Assert.IsType<VideoCaptureFrameSource>(device).Kind);
        Assert.Equal(CameraUrlKind.Device, Assert.IsType<VideoCaptureFrameSource>(devicePath).Kind);
    }

    [Theory]
    [InlineData("ftp://admin:s3cret@10.0.0.2/cam", "camera 'cam-7': url 'ftp://admin:***@10.0.0.2/cam' has an unknown scheme 'ftp'")]
    [InlineData("/no/such/clip.mp4", "camera 'cam-7': url '/no/such/clip.mp4' names a file that does not exist (/no/such/clip.mp4)")]
    [InlineData("file:///no/such/clip.mp4", "camera 'cam-7': url 'file:///no/such/clip.mp4' names a file that does not exist (/no/such/clip.mp4)")]
    [InlineData("device:front", "camera 'cam-7': url 'device:front' is not a device")]
    [InlineData("  ", "camera 'cam-7': url '' is empty")]
    public void Urls_that_cannot_be_valid_are_rejected_naming_the_camera_and_url(string url, string expected)
    {
        var error = Assert.Throws<CameraUrlException>(() => Create(url));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("cam-7", error.CameraId);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ffmpeg_command_line_carries_transport_timeout_and_raw_bgr_output()
    {
        var rtsp = FfmpegArguments.For(new CameraOptions { Id = "a", Url = "rtsp://h/s", Transport = "udp", FrameTimeoutSeconds = 7 }, "rtsp://h/s", isFile: false);
        var http = FfmpegArguments.For(new CameraOptions { Id = "b", Url = "http://h/s.mjpg", FrameTimeoutSeconds = 2.5 }, "http://h/s.mjpg", isFile: false);

        Assert.Equal("udp", After(rtsp, "-rtsp_transport"));
        Assert.Equal("7000000", After(rtsp, "-timeout"));
        Assert.Equal("rtsp://h/s", After(rtsp, "-i"));
        Assert.Equal("2500000", After(http, "-rw_timeout"));
        Assert.DoesNotContain("-rtsp_transport", http);
        Assert.EndsWith("-fps_mode passthrough -f rawvideo -pix_fmt bgr24 pipe:1", string.Join(' ', rtsp), StringComparison.Ordinal);
        Assert.Contains("-an", rtsp);
        Assert.DoesNotContain("-hwaccel", rtsp);
        Assert.DoesNotContain("select", After(rtsp, "-vf"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_paced_and_looped_by_ffmpeg_as_configured_and_has_no_network_options()
    {
        var live = FfmpegArguments.For(new CameraOptions { Id = "a", Url = "/v.mp4", Realtime = true, Loop = true }, "/v.mp4", isFile: true);
        var flatOut = FfmpegArguments.For(new CameraOptions { Id = "b", Url = "/v.mp4", Realtime = false, Loop = false }, "/v.mp4", isFile: true);

        Assert.Contains("-re", live);
        Assert.Equal("-1", After(live, "-stream_loop"));
        Assert.DoesNotContain("-re", flatOut);
        Assert.DoesNotContain("-stream_loop", flatOut);
        Assert.DoesNotContain("-rw_timeout", live);
        Assert.DoesNotContain("-timeout", live);
        // Input options go before -i, or ffmpeg applies them to the output.
        Assert.True(live.ToList().IndexOf("-re") < live.ToList().IndexOf("-i"));
    }

    [Fact]
    public void Hardware_decoding_and_a_chosen_decoder_come_before_the_input()
    {
        var args = FfmpegArguments.For(new CameraOptions { Id = "a", Url = "rtsp://h/s", Hwaccel = "cuda", Decoder = "h264_cuvid" }, "rtsp://h/s", isFile: false).ToList();

        Assert.Equal("cuda", After(args, "-hwaccel"));
        Assert.Equal("h264_cuvid", After(args, "-c:v"));
        Assert.True(args.IndexOf("-hwaccel") < args.IndexOf("-i") && args.IndexOf("-c:v") < args.IndexOf("-i"));
    }

    [Fact]
    public void A_detect_rate_selects_one_frame_per_slot_before_the_conversion()
    {
        var args = FfmpegArguments.For(new CameraOptions { Id = "a", Url = "rtsp://h/s", DetectFps = 5 }, "rtsp://h/s", isFile: false);
        var filters = After(args, "-vf");

        Assert.StartsWith("select='isnan(prev_selected_t)+not(eq(floor(t*5+0.001)", filters, StringComparison.Ordinal);
        Assert.True(filters.IndexOf("select", StringComparison.Ordinal) < filters.IndexOf("metadata=mode=print", StringComparison.Ordinal));
        Assert.Contains("t*2.5+", FfmpegArguments.Filters(2.5), StringComparison.Ordinal);
    }

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];
}
