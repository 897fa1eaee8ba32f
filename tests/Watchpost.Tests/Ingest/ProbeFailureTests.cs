using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Ingest;

namespace Watchpost.Tests.Ingest;

/// <summary>
/// <see cref="ProbeFailure"/> on what ffmpeg 5.1 (Debian 12) really printed (FfmpegProbeOutput/*.txt, captured with the
/// source's own arguments against GStreamer's RTSP server, rtsp-server-perl, closed and silent ports, an unknown host, and a
/// server that sets the session up but never sends a packet, as a firewall dropping RTP makes it look),
/// fed through <see cref="FfmpegLog"/> as the frame source feeds it.
/// </summary>
public sealed class ProbeFailureTests
{
    private const string Password = "s3cret";

    [Theory]
    [InlineData("401-wrong-password.txt", "rtsp://admin:s3cret@127.0.0.1:28554/stream1", "tcp", ProbeFailureKind.Credentials, "refused the user name or password (RTSP 401 Unauthorized)")]
    [InlineData("401-no-user.txt", "rtsp://127.0.0.1:28554/stream1", "tcp", ProbeFailureKind.Credentials, "requires a user name and password (RTSP 401")]
    [InlineData("404-not-found.txt", "rtsp://admin:s3cret@127.0.0.1:28554/nosuch", "tcp", ProbeFailureKind.NotFound, "has no stream at /nosuch (RTSP 404 Not Found)")]
    [InlineData("connection-refused.txt", "rtsp://admin:s3cret@127.0.0.1:28559/stream1", "tcp", ProbeFailureKind.Unreachable, "127.0.0.1:28559 (connection refused)")]
    [InlineData("connection-timed-out.txt", "rtsp://admin:s3cret@192.0.2.3/stream1", "tcp", ProbeFailureKind.Unreachable, "192.0.2.3:554 cannot be reached from this box: no answer within 3 s")]
    [InlineData("unknown-host.txt", "rtsp://admin:s3cret@nosuchhost.invalid:554/stream1", "tcp", ProbeFailureKind.Unreachable, "nosuchhost.invalid does not resolve")]
    [InlineData("461-udp-on-tcp-only-server.txt", "rtsp://admin:s3cret@127.0.0.1:28555/stream1", "udp", ProbeFailureKind.UdpBlocked, "refused to stream over UDP (RTSP 461 Unsupported transport)")]
    [InlineData("400-tcp-on-udp-only-server.txt", "rtsp://127.0.0.1:28570/cam", "tcp", ProbeFailureKind.TcpRefused, "refused to stream over TCP (RTSP 400 Bad Request)")]
    [InlineData("x-gst-payload.txt", "rtsp://admin:s3cret@127.0.0.1:28556/stream1", "tcp", ProbeFailureKind.UnsupportedCodec, "sends no video this box can decode: it offers Data: none")]
    [InlineData("udp-no-packets.txt", "rtsp://u:s3cret@127.0.0.1:28580/cam", "udp", ProbeFailureKind.UdpBlocked, "accepted the RTSP session but no video arrived over UDP within 3 s")]
    [InlineData("tcp-no-packets.txt", "rtsp://u:s3cret@127.0.0.1:28580/cam", "tcp", ProbeFailureKind.NoFrames, "connected to 127.0.0.1:28580, but no video frame arrived within 3 s")]
    [InlineData("http-server-answered.txt", "rtsp://admin:s3cret@10.255.255.1:554/stream1", "tcp", ProbeFailureKind.NotRtsp, "something answered at 10.255.255.1:554, but not as an RTSP camera")]
    [InlineData("silent-listener.txt", "rtsp://admin:s3cret@127.0.0.1:28560/stream1", "tcp", ProbeFailureKind.NotRtsp, "something answered at 127.0.0.1:28560")]
    public void Real_ffmpeg_output_is_explained_in_installer_terms_without_the_password(string capture, string url, string transport, ProbeFailureKind kind, string says)
    {
        var log = new FfmpegLog("probe", url, NullLogger.Instance);
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Ingest", "FfmpegProbeOutput", capture)))
        {
            log.Handle(line);
        }

        var failure = ProbeFailure.Classify(url, transport, TimeSpan.FromSeconds(3), log.ProblemLines(), log.InputStreams, readerError: null);

        Assert.Equal(kind, failure.Kind);
        Assert.Contains(says, failure.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(failure.Hint));
        Assert.NotNull(failure.Detail);
        Assert.DoesNotContain(Password, $"{failure.Message} {failure.Hint} {failure.Detail}", StringComparison.Ordinal);
    }

    [Fact]
    public void Each_kind_tells_the_installer_what_to_do()
    {
        ProbeFailure Of(string transport, params string[] lines) =>
            ProbeFailure.Classify("rtsp://u:p@10.1.2.3/live", transport, TimeSpan.FromSeconds(4), lines, [], readerError: null);

        Assert.Contains("--transport tcp", Of("udp", "[rtsp] method SETUP failed: 461 Unsupported transport").Hint, StringComparison.Ordinal);
        Assert.Contains("--transport udp", Of("tcp", "[rtsp] method SETUP failed: 461 Unsupported transport").Hint, StringComparison.Ordinal);
        Assert.Contains("/stream1", Of("tcp", "rtsp://u:***@10.1.2.3/live: Server returned 404 Not Found").Hint, StringComparison.Ordinal);
        Assert.Contains("VLAN", Of("tcp", "[tcp] Connection to tcp://10.1.2.3:554?timeout=1500000 failed: No route to host").Hint, StringComparison.Ordinal);
        Assert.Contains("no route to host", Of("tcp", "rtsp://u:***@10.1.2.3/live: No route to host").Message, StringComparison.Ordinal);
        Assert.Contains("H.264", Of("tcp", "[hevc] Decoder (codec hevc) not found for input stream #0:0").Hint, StringComparison.Ordinal);
        Assert.Contains("403", Of("tcp", "rtsp://u:***@10.1.2.3/live: Server returned 403 Forbidden (access denied)").Message, StringComparison.Ordinal);

        // ffmpeg said nothing and no frame came: over UDP the packets are being dropped on the way; over TCP the stream stalls.
        var udp = Of("udp");
        Assert.Equal(ProbeFailureKind.UdpBlocked, udp.Kind);
        Assert.Contains("no video arrived over UDP within 4 s", udp.Message, StringComparison.Ordinal);
        Assert.Contains("--transport tcp", udp.Hint, StringComparison.Ordinal);
        Assert.Equal(ProbeFailureKind.NoFrames, Of("tcp").Kind);
        Assert.True(Of("tcp").UdpMayHelp);
        Assert.False(Of("tcp", "rtsp://u:***@10.1.2.3/live: Server returned 401 Unauthorized (authorization failed)").UdpMayHelp);

        var device = ProbeFailure.Classify("device:7", null, TimeSpan.FromSeconds(4), [], [], "cannot open the device /dev/video7 (unplugged, busy, or no permission)");
        Assert.Equal("cannot open the device /dev/video7 (unplugged, busy, or no permission)", device.Message);
        Assert.Contains("video group", device.Hint, StringComparison.Ordinal);

        var missing = ProbeFailure.Classify("rtsp://10.1.2.3/live", "tcp", TimeSpan.FromSeconds(4), [], [],
            "cannot run ffmpeg ('ffmpeg'): No such file or directory; install the ffmpeg package or fix the path");
        Assert.Equal(ProbeFailureKind.FfmpegMissing, missing.Kind);
        Assert.Contains("apt-get install ffmpeg", missing.Hint, StringComparison.Ordinal);
    }
}
