using System.Text.Json;
using OpenCvSharp;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// `watchpost camera probe` and `camera snapshot`, run as the real executable against real RTSP servers: GStreamer's
/// (password, TCP, TCP only, an undecodable payload) and rtsp-server-perl (UDP only), a closed port and an address
/// nothing answers from. The password must never appear in anything printed.
/// </summary>
public sealed class CameraProbeTests : IClassFixture<CameraProbeServers>, IDisposable
{
    private const string User = CameraProbeServers.User;
    private const string Password = CameraProbeServers.Password;

    private readonly CameraProbeServers _servers;
    private readonly TempFolder _folder = new();

    public CameraProbeTests(CameraProbeServers servers) => _servers = servers;

    public void Dispose() => _folder.Dispose();

    [GstRtspFact]
    public async Task A_good_stream_with_the_right_password_reports_h264_its_size_fps_and_transport_and_saves_a_jpeg()
    {
        var url = _servers.Camera.Url(User, Password);
        var snapshot = _folder.File("gate.jpg");
        var json = await ProbeAsync(url, "--snapshot", snapshot, "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        var report = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.True(report.GetProperty("ok").GetBoolean());
        Assert.Equal($"rtsp://{User}:***@127.0.0.1:{_servers.Camera.Port}/stream1", report.GetProperty("url").GetString());
        Assert.Equal("tcp", report.GetProperty("transport").GetString());
        Assert.Equal("h264", report.GetProperty("codec").GetString());
        Assert.Equal(GstRtspServer.Width, report.GetProperty("width").GetInt32());
        Assert.Equal(GstRtspServer.Height, report.GetProperty("height").GetInt32());
        Assert.Equal(GstRtspServer.Fps, report.GetProperty("fps").GetDouble());
        Assert.InRange(report.GetProperty("time_to_first_frame_ms").GetInt64(), 1, 8000);
        Assert.Equal(snapshot, report.GetProperty("snapshot").GetString());
        Assert.False(report.TryGetProperty("failure", out _));
        using (var image = Cv2.ImRead(snapshot))
        {
            Assert.Equal((GstRtspServer.Width, GstRtspServer.Height), (image.Width, image.Height));
            using var gray = image.CvtColor(ColorConversionCodes.BGR2GRAY);
            gray.MinMaxLoc(out double darkest, out double brightest);
            Assert.True(brightest - darkest > 100, $"the snapshot is the test pattern (a white ball on black), not a flat frame: {darkest}..{brightest}");
        }

        // Human output, snapshot by default in the working folder, progress on stderr.
        var text = await ProbeAsync(url);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches(@"Result\s+ok", text.Stdout);
        Assert.Matches(@"Codec\s+h264", text.Stdout);
        Assert.Matches(@"Resolution\s+640x360", text.Stdout);
        Assert.Matches(@"Frame rate\s+10 fps", text.Stdout);
        Assert.Matches(@"First frame\s+\d+\.\d\d s", text.Stdout);
        var saved = _folder.File("probe-127.0.0.1.jpg");
        Assert.Contains($"saved to {saved}", text.Stdout, StringComparison.Ordinal);
        Assert.True(new FileInfo(saved).Length > 1000);
        Assert.Contains("Probing rtsp://installer:***@", text.Stderr, StringComparison.Ordinal);
        AssertNoPassword(json, text);
    }

    [GstRtspFact]
    public async Task A_wrong_password_and_a_wrong_path_are_explained_as_credentials_and_path_not_found()
    {
        var wrongPassword = await ProbeAsync(_servers.Camera.Url(User, "not-the-password"), "--timeout", "5");
        Assert.True(wrongPassword.ExitCode == 1, wrongPassword.ToString());
        Assert.Matches(@"Result\s+FAILED: wrong credentials", wrongPassword.Stdout);
        Assert.Contains("refused the user name or password (RTSP 401 Unauthorized)", wrongPassword.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Hint\s+check the user and password", wrongPassword.Stdout);
        Assert.DoesNotContain("not-the-password", wrongPassword.Stdout + wrongPassword.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("probe-127.0.0.1.jpg")), "no snapshot from a failed probe");

        var wrongPath = await ProbeAsync(_servers.Camera.Url(User, Password, "/Streaming/Channels/101"), "--timeout", "5", "--json");
        Assert.True(wrongPath.ExitCode == 1, wrongPath.ToString());
        var failure = JsonDocument.Parse(wrongPath.Stdout).RootElement.GetProperty("failure");
        Assert.Equal("not_found", failure.GetProperty("kind").GetString());
        Assert.Contains("no stream at /Streaming/Channels/101 (RTSP 404 Not Found)", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("/stream1", failure.GetProperty("hint").GetString(), StringComparison.Ordinal);
        AssertNoPassword(wrongPassword, wrongPath);
    }

    [Fact]
    public async Task A_closed_port_and_an_address_nothing_answers_from_are_explained_as_unreachable()
    {
        var closed = await ProbeAsync($"rtsp://{User}:{Password}@127.0.0.1:{FreePort.Tcp()}/stream1", "--timeout", "3", "--json");
        Assert.True(closed.ExitCode == 1, closed.ToString());
        var refused = JsonDocument.Parse(closed.Stdout).RootElement.GetProperty("failure");
        Assert.Equal("unreachable", refused.GetProperty("kind").GetString());
        Assert.Contains("connection refused", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("RTSP port", refused.GetProperty("hint").GetString(), StringComparison.Ordinal);

        // 100::/64 is the IPv6 discard prefix (RFC 6666): never routed, so the connection times out or has no route,
        // as for a camera that is off or on another VLAN. (An IPv4 address such as 10.255.255.1 is answered by the
        // sandbox's transparent proxy on this build machine.)
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var silent = await ProbeAsync($"rtsp://{User}:{Password}@[100::1]:554/stream1", "--timeout", "2");
        Assert.True(silent.ExitCode == 1, silent.ToString());
        Assert.Matches(@"Result\s+FAILED: camera unreachable", silent.Stdout);
        Assert.Matches(@"\[100::1\]:554 cannot be reached from this box: (no answer within 2 s|no route to host|network is unreachable)", silent.Stdout);
        Assert.Contains("powered", silent.Stdout, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        AssertNoPassword(closed, silent);
    }

    [GstRtspFact]
    public async Task Udp_to_a_tcp_only_camera_is_explained_as_udp_blocked_and_suggests_tcp()
    {
        var udp = await ProbeAsync(_servers.TcpOnly.Url(User, Password), "--transport", "udp", "--timeout", "5", "--json");
        Assert.True(udp.ExitCode == 1, udp.ToString());
        var report = JsonDocument.Parse(udp.Stdout).RootElement;
        Assert.Equal("udp", report.GetProperty("transport").GetString());
        Assert.Equal("udp_blocked", report.GetProperty("failure").GetProperty("kind").GetString());
        Assert.Contains("461 Unsupported transport", report.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("--transport tcp", report.GetProperty("failure").GetProperty("hint").GetString(), StringComparison.Ordinal);

        var automatic = await ProbeAsync(_servers.TcpOnly.Url(User, Password), "--timeout", "5", "--json", "--snapshot", _folder.File("tcp.jpg"));
        Assert.True(automatic.ExitCode == 0, automatic.ToString());
        Assert.Equal("tcp", JsonDocument.Parse(automatic.Stdout).RootElement.GetProperty("transport").GetString());
        AssertNoPassword(udp, automatic);
    }

    [GstRtspFact]
    public async Task A_session_whose_udp_packets_never_arrive_is_explained_as_udp_blocked_not_as_unreachable()
    {
        var result = await ProbeAsync(_servers.RtpDropped.Url(User, Password), "--transport", "udp", "--timeout", "4");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"Result\s+FAILED: UDP blocked", result.Stdout);
        Assert.Contains($"127.0.0.1:{_servers.RtpDropped.Port} accepted the RTSP session but no video arrived over UDP within 4 s", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("try --transport tcp", result.Stdout, StringComparison.Ordinal);
        AssertNoPassword(result);
    }

    [Fact]
    public async Task Without_a_transport_a_udp_only_server_is_tried_over_tcp_then_udp_and_the_probe_says_so()
    {
        using var server = await RtspTestServer.StartAsync("yard");
        var result = await ProbeAsync(server.UrlFor("yard"), "--timeout", "6", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("udp", report.GetProperty("transport").GetString());
        Assert.Equal("h264", report.GetProperty("codec").GetString());
        Assert.Equal(TestClip.Width, report.GetProperty("width").GetInt32());
        var note = report.GetProperty("note").GetString();
        Assert.Contains("refused to stream over TCP", note, StringComparison.Ordinal);
        Assert.Contains("set this camera's transport to udp", note, StringComparison.Ordinal);
        Assert.Contains("TCP gave nothing (TCP refused); trying UDP ...", result.Stderr, StringComparison.Ordinal);
    }

    [GstRtspFact]
    public async Task A_camera_whose_video_cannot_be_decoded_is_explained_as_an_unsupported_codec()
    {
        var result = await ProbeAsync(_servers.Undecodable.Url(User, Password), "--timeout", "5");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"Result\s+FAILED: unsupported codec", result.Stdout);
        Assert.Contains("sends no video this box can decode: it offers Data: none", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("set the camera's video encoding to H.264", result.Stdout, StringComparison.Ordinal);
        AssertNoPassword(result);
    }

    [GstRtspFact]
    public async Task Snapshot_reads_the_site_files_camera_by_id_and_saves_a_jpeg()
    {
        var site = _folder.File("watchpost.json");
        await File.WriteAllTextAsync(site, $$"""
            {
              "site": { "deviceId": "probe-box" },
              "cameras": [ { "id": "gate", "url": {{JsonSerializer.Serialize(_servers.Camera.Url(User, Password))}}, "transport": "tcp" } ],
              "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} }
            }
            """);
        var output = _folder.File("shots/gate-now.jpg");

        var result = await WatchpostProcess.RunAsync(["camera", "snapshot", "gate", "--config", site, "--out", output, "--timeout", "8"], _folder.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Camera\s+gate", result.Stdout);
        Assert.Contains($"saved to {output}", result.Stdout, StringComparison.Ordinal);
        using (var image = Cv2.ImRead(output))
        {
            Assert.Equal((GstRtspServer.Width, GstRtspServer.Height), (image.Width, image.Height));
        }

        var unknown = await WatchpostProcess.RunAsync(["camera", "snapshot", "door", "--config", site], _folder.Path);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("camera 'door' is not in", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("its cameras: gate", unknown.Stderr, StringComparison.Ordinal);
        AssertNoPassword(result, unknown);
    }

    [Fact]
    public async Task A_bad_url_transport_or_timeout_is_bad_input()
    {
        foreach (var arguments in new[]
        {
            new[] { "camera", "probe", "rtsp://" },
            ["camera", "probe", "ftp://camera/stream"],
            ["camera", "probe", $"rtsp://{User}:{Password}@127.0.0.1/stream1", "--transport", "http"],
            ["camera", "probe", $"rtsp://{User}:{Password}@127.0.0.1/stream1", "--timeout", "0"],
            ["camera", "probe", $"rtsp://{User}:{Password}@127.0.0.1/stream1", "--snapshot", "frame.png"],
        })
        {
            var result = await WatchpostProcess.RunAsync(arguments, _folder.Path);
            Assert.True(result.ExitCode == 2, $"{string.Join(' ', arguments)}: {result}");
            Assert.StartsWith("watchpost: ", result.Stderr, StringComparison.Ordinal);
            AssertNoPassword(result);
        }
    }

    private Task<WatchpostProcess.Result> ProbeAsync(string url, params string[] options) =>
        WatchpostProcess.RunAsync(["camera", "probe", url, .. options], _folder.Path, timeout: TimeSpan.FromSeconds(30));

    private static void AssertNoPassword(params WatchpostProcess.Result[] results)
    {
        foreach (var result in results)
        {
            Assert.DoesNotContain(Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
    }
}
