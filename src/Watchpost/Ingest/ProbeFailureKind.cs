namespace Watchpost.Ingest;

/// <summary>Why a camera probe got no frame, in the terms an installer acts on (see <see cref="ProbeFailure"/>).</summary>
public enum ProbeFailureKind
{
    /// <summary>The camera refused the user name or password (RTSP 401), or the user may not see the stream (403).</summary>
    Credentials,

    /// <summary>Nothing answered: connection refused, timed out, no route, or a host name that does not resolve.</summary>
    Unreachable,

    /// <summary>The camera has no stream at the URL's path (RTSP 404).</summary>
    NotFound,

    /// <summary>The camera sends video this box cannot decode, or no video at all.</summary>
    UnsupportedCodec,

    /// <summary>RTP over UDP was refused (RTSP 461) or no packet arrived: a firewall or NAT in between, or a TCP-only camera.</summary>
    UdpBlocked,

    /// <summary>The camera refused RTP over TCP (RTSP 461 or 400 at SETUP): it streams over UDP only.</summary>
    TcpRefused,

    /// <summary>Something answered at the address, but not as an RTSP camera (a web server, another service).</summary>
    NotRtsp,

    /// <summary>The camera accepted the connection but no frame came in time.</summary>
    NoFrames,

    /// <summary>ffmpeg, which reads every network camera, cannot be run.</summary>
    FfmpegMissing,

    /// <summary>Anything else: the detail holds ffmpeg's own words.</summary>
    Other,
}
