using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Watchpost.Bench;
using Watchpost.Cli;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Bench;

/// <summary>The media bench makes from the footage: the quiet background, the quiet and live clips, and its RTSP server.</summary>
public sealed class BenchMediaTests
{
    /// <summary>Shared by the tests (and kept between runs): the clips are made once, not per test.</summary>
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "watchpost-tests-bench-cache");

    private static readonly QuietScene ShortScene = new() { BackgroundSeconds = 2, WalkInSeconds = 1, FootageStarts = [8, 30] };

    [MediaFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public void The_quiet_background_has_nobody_the_real_detector_finds_and_the_footage_has_people()
    {
        // At the pipeline's own low threshold (0.1, the tracker's second pass): nothing in the empty scene reaches the
        // detector's default 0.5, let alone the 0.7 a new track needs (a sign post on the left scores about 0.49).
        using var detector = RealDetector.Create(RealDetector.PersonSettings(score: 0.1f));
        using var background = Cv2.ImRead(ClipBuilder.QuietBackground(TestAssets.Video, Cache));
        Assert.Equal((768, 576), (background.Width, background.Height));
        Assert.All(detector.Detect(background), person => Assert.True(person.Score < 0.5f, $"a person in the empty scene: {person}"));

        // The frames the walk-ins start with (8 s and 30 s into the footage) do have people.
        using var capture = new VideoCapture(TestAssets.Video);
        using var frame = new Mat();
        foreach (var start in ShortScene.FootageStarts)
        {
            capture.Set(VideoCaptureProperties.PosFrames, start * 10);
            Assert.True(capture.Read(frame));
            Assert.Contains(detector.Detect(frame), person => person.Score >= 0.7f);
        }
    }

    [MediaFact("media/vtest.avi")]
    public async Task The_quiet_clip_is_h264_768x576_at_10_fps_with_every_frame_of_its_timetable()
    {
        var clip = await ClipBuilder.QuietClipAsync(TestAssets.Video, ShortScene, Cache, CancellationToken.None);
        var probe = await ProbeAsync(clip);
        Assert.Equal(("h264", 768, 576, "10/1", ShortScene.LengthFrames), probe);
        Assert.Equal(60, ShortScene.LengthFrames);
    }

    [MediaFact("media/vtest.avi")]
    public async Task The_live_clip_is_the_whole_footage_as_h264_at_its_own_size_and_rate()
    {
        var clip = await ClipBuilder.LiveClipAsync(TestAssets.Video, Cache, CancellationToken.None);
        Assert.Equal(("h264", 768, 576, "10/1", 795), await ProbeAsync(clip));
    }

    [MediaFact("media/vtest.avi")]
    public async Task The_rtsp_server_serves_each_camera_a_stream_ffmpeg_reads_and_knows_when_its_clip_started()
    {
        var ct = CancellationToken.None;
        var clip = await ClipBuilder.LiveClipAsync(TestAssets.Video, Cache, ct);
        await using var server = await BenchRtspServer.StartAsync(clip, ["cam-1", "cam-2"], NullLogger.Instance, ct);

        var read = await ChildProcess.RunAsync("ffmpeg",
            ["-hide_banner", "-nostdin", "-rtsp_transport", "udp", "-i", server.UrlFor("cam-2"), "-frames:v", "10", "-f", "null", "-"], ct);
        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Matches(@"frame=\s*10\b", read.Stderr);

        var started = server.ClipStart("cam-2");
        Assert.NotNull(started);
        Assert.InRange(started.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Equal(3, server.Processes().Count());
    }

    private static async Task<(string Codec, int Width, int Height, string Rate, int Frames)> ProbeAsync(string file)
    {
        var probe = await ChildProcess.RunAsync("ffprobe",
            ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,r_frame_rate,nb_read_frames", "-of", "default=noprint_wrappers=1", file],
            CancellationToken.None);
        Assert.True(probe.ExitCode == 0, probe.Stderr);
        var f = probe.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return (f["codec_name"], int.Parse(f["width"], CultureInfo.InvariantCulture), int.Parse(f["height"], CultureInfo.InvariantCulture),
            f["r_frame_rate"], int.Parse(f["nb_read_frames"], CultureInfo.InvariantCulture));
    }
}
