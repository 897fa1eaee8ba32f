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
    public async Task Files_and_devices_are_read_by_VideoCapture()
    {
        await using var path = Create(TestAssets.Video);
        await using var fileUrl = Create(new Uri(TestAssets.Video).AbsoluteUri);
        await using var device = Create("device:0");
        await using var devicePath = Create("/dev/video3");

        Assert.Equal(CameraUrlKind.File, Assert.IsType<VideoCaptureFrameSource>(path).Kind);
        Assert.Equal(CameraUrlKind.File, Assert.IsType<VideoCaptureFrameSource>(fileUrl).Kind);
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
        var rtsp = FfmpegArguments.For(new CameraOptions { Id = "a", Url = "rtsp://h/s", Transport = "udp", FrameTimeoutSeconds = 7 });
        var http = FfmpegArguments.For(new CameraOptions { Id = "b", Url = "http://h/s.mjpg", FrameTimeoutSeconds = 2.5 });

        Assert.Equal("udp", After(rtsp, "-rtsp_transport"));
        Assert.Equal("7000000", After(rtsp, "-timeout"));
        Assert.Equal("rtsp://h/s", After(rtsp, "-i"));
        Assert.Equal("2500000", After(http, "-rw_timeout"));
        Assert.DoesNotContain("-rtsp_transport", http);
        Assert.EndsWith("-fps_mode passthrough -f rawvideo -pix_fmt bgr24 pipe:1", string.Join(' ', rtsp), StringComparison.Ordinal);
        Assert.Contains("-an", rtsp);
    }

    private static string After(IReadOnlyList<string> args, string option) => args[args.ToList().IndexOf(option) + 1];
}
