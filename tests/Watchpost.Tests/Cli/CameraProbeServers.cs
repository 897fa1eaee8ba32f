using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// The GStreamer RTSP servers the probe tests share, all password-protected: an H.264 camera, the same over TCP only,
/// one whose video nothing can decode, and one whose RTP packets are all dropped.
/// </summary>
public sealed class CameraProbeServers : IAsyncLifetime
{
    public const string User = "installer";
    public const string Password = "Pr0be-s3cret";

    private GstRtspServer? _camera;
    private GstRtspServer? _tcpOnly;
    private GstRtspServer? _undecodable;
    private GstRtspServer? _rtpDropped;

    public GstRtspServer Camera => _camera ?? throw new InvalidOperationException(GstRtspServer.Missing);

    public GstRtspServer TcpOnly => _tcpOnly ?? throw new InvalidOperationException(GstRtspServer.Missing);

    public GstRtspServer Undecodable => _undecodable ?? throw new InvalidOperationException(GstRtspServer.Missing);

    /// <summary>Answers RTSP but drops every RTP packet: a firewall between camera and box.</summary>
    public GstRtspServer RtpDropped => _rtpDropped ?? throw new InvalidOperationException(GstRtspServer.Missing);

    public async Task InitializeAsync()
    {
        if (GstRtspServer.Missing is not null)
        {
            return; // every test here is skipped (GstRtspFact)
        }

        var camera = GstRtspServer.StartAsync(User, Password);
        var tcpOnly = GstRtspServer.StartAsync(User, Password, tcpOnly: true);
        var undecodable = GstRtspServer.StartAsync(User, Password, codec: "gst");
        var rtpDropped = GstRtspServer.StartAsync(User, Password, noRtp: true);
        _camera = await camera;
        _tcpOnly = await tcpOnly;
        _undecodable = await undecodable;
        _rtpDropped = await rtpDropped;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { _camera, _tcpOnly, _undecodable, _rtpDropped })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
