using System.Text.Json;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Bench;

/// <summary>`watchpost bench` run for real, briefly: its JSON has the shortfall, decode, physical and RTSP fields (no speed is judged).</summary>
public sealed class BenchCommandTests
{
    [MediaFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task A_short_rtsp_bench_at_5_detect_fps_reports_shortfall_fairness_decode_cpu_and_ratio_to_physical()
    {
        using var cache = new TempFolder();
        var result = await WatchpostProcess.RunAsync(
            ["bench", "--cameras", "2", "--seconds", "5", "--ceiling-seconds", "1", "--detect-fps", "5", "--rtsp"],
            environment: new Dictionary<string, string?> { ["WATCHPOST_CACHE"] = cache.Path }, timeout: TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]);
        var report = json.RootElement;

        Assert.Equal(5, report.GetProperty("detect_fps").GetDouble());
        Assert.True(report.GetProperty("rtsp").GetBoolean());
        var cameras = report.GetProperty("per_camera").EnumerateArray().ToList();
        Assert.Equal(2, cameras.Count);
        foreach (var camera in cameras)
        {
            Assert.True(camera.GetProperty("frames_in").GetInt64() > 0, result.ToString());
            Assert.InRange(camera.GetProperty("shortfall").GetDouble(), 0, 1);
            Assert.True(camera.GetProperty("detect_per_second").GetDouble() > 0);
            Assert.True(camera.GetProperty("decode_cpu_cores").GetDouble() > 0, "each camera's ffmpeg used some CPU");
        }

        Assert.InRange(report.GetProperty("shortfall_worst").GetDouble(), 0, 1);
        Assert.InRange(report.GetProperty("shortfall_total").GetDouble(), 0, 1);
        Assert.InRange(report.GetProperty("fairness").GetDouble(), 0, 1);
        Assert.True(report.GetProperty("decode_cpu_cores").GetDouble() > 0);
        Assert.True(report.GetProperty("rtsp_server_cpu_cores").GetDouble() >= 0);
        var physical = report.GetProperty("physical");
        Assert.True(physical.GetProperty("inference_cpu_s_per_frame").GetDouble() > 0);
        Assert.True(physical.GetProperty("decode_cpu_s_per_frame").GetDouble() > 0);
        Assert.True(report.GetProperty("ratio_to_physical").GetDouble() > 0);
        Assert.True(report.GetProperty("ratio_to_ceiling").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("walk_ins").ValueKind);
        Assert.Contains("shortfall", result.Stderr, StringComparison.Ordinal); // the readable table
        Assert.True(Directory.EnumerateFiles(cache.Path, "*.mp4").Any(), "the live clip was made in WATCHPOST_CACHE");
    }
}
