using System.Globalization;
using System.Text.RegularExpressions;

namespace Watchpost.Ingest;

/// <summary>
/// A failed camera probe explained for the installer on site: what kind of problem, a sentence saying what happened
/// at which address, and what to do about it. <see cref="Detail"/> keeps ffmpeg's own words (passwords masked).
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Title">The kind in a few words ("wrong credentials").</param>
/// <param name="Message">What happened, naming the host, port or path concerned (never the password).</param>
/// <param name="Hint">What to check or change.</param>
/// <param name="Detail">What ffmpeg (or the reader) said, or null.</param>
public sealed partial record ProbeFailure(ProbeFailureKind Kind, string Title, string Message, string Hint, string? Detail)
{
    private const int DefaultRtspPort = 554;

    /// <summary>True when the same camera might work over UDP after this failure over TCP (a UDP-only server, a stalled TCP stream).</summary>
    public bool UdpMayHelp => Kind is ProbeFailureKind.TcpRefused or ProbeFailureKind.NoFrames or ProbeFailureKind.Other;

    /// <summary>
    /// Explains why a connection gave no frame, from what the reader said: ffmpeg's last problem lines
    /// (<paramref name="ffmpegLines"/>) and the input streams it listed, or the reader's own error.
    /// </summary>
    /// <param name="url">The camera URL (only its host, port and path are ever quoted).</param>
    /// <param name="transport">tcp or udp for an RTSP URL, else null.</param>
    /// <param name="timeout">How long the probe waited.</param>
    /// <param name="ffmpegLines">ffmpeg's last problem lines, passwords already masked; empty when it said nothing.</param>
    /// <param name="inputStreams">The input streams ffmpeg listed ("Video: h264 ...", "Data: none").</param>
    /// <param name="readerError">The frame source's last error (say, ffmpeg cannot be run), or null.</param>
    public static ProbeFailure Classify(
        string url, string? transport, TimeSpan timeout, IReadOnlyList<string> ffmpegLines, IReadOnlyList<string> inputStreams, string? readerError)
    {
        ArgumentNullException.ThrowIfNull(ffmpegLines);
        ArgumentNullException.ThrowIfNull(inputStreams);
        var said = string.Join("\n", ffmpegLines);
        var detail = ffmpegLines.Count > 0 ? string.Join("; ", ffmpegLines) : readerError;
        var target = Target.Of(url);
        var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        bool Says(string text) => said.Contains(text, StringComparison.OrdinalIgnoreCase);

        if (readerError?.Contains("cannot run ffmpeg", StringComparison.Ordinal) == true)
        {
            return new(ProbeFailureKind.FfmpegMissing, "ffmpeg missing", "ffmpeg, which reads every network camera, cannot be run on this box",
                "install it (apt-get install ffmpeg) or run ./setup.sh deps", readerError);
        }

        if (RtspStatus().Match(said) is { Success: true } status)
        {
            var code = int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture);
            var reason = $"RTSP {code} {status.Groups[2].Value.Trim()}";
            switch (code)
            {
                case 401:
                    return new(ProbeFailureKind.Credentials, "wrong credentials",
                        target.HasUser
                            ? $"the camera at {target.HostPort} refused the user name or password ({reason})"
                            : $"the camera at {target.HostPort} requires a user name and password ({reason})",
                        "check the user and password (the camera's web page, Users); give them in the URL as rtsp://USER:PASSWORD@HOST/PATH, "
                        + "percent-encoding @ : / in the password (%40 %3A %2F); some cameras lock the account for a while after failed logins",
                        detail);
                case 403:
                    return new(ProbeFailureKind.Credentials, "not allowed",
                        $"the camera at {target.HostPort} accepted the login but does not let this user see {target.Path} ({reason})",
                        "give the user the right to view live video in the camera's web page (Users, permissions), or use another account", detail);
                case 404:
                    return new(ProbeFailureKind.NotFound, "stream path not found",
                        $"the camera at {target.HostPort} has no stream at {target.Path} ({reason})",
                        "check the stream path for this camera model: e.g. /stream1 (TP-Link, many ONVIF cameras), /Streaming/Channels/101 (Hikvision), "
                        + "/cam/realmonitor?channel=1&subtype=0 (Dahua), /h264Preview_01_main (Reolink); the camera's manual or ONVIF tool shows it",
                        detail);
                case 461:
                    return TransportRefused(transport, target, reason, detail);
                case 400 when transport == "tcp":
                    return TransportRefused(transport, target, reason, detail);
            }
        }

        if (Says("Connection refused"))
        {
            return new(ProbeFailureKind.Unreachable, "camera unreachable",
                $"nothing accepts connections at {target.HostPort} (connection refused): the host is there but no RTSP service listens on port {target.Port}",
                $"check the camera's IP address and RTSP port ({DefaultRtspPort} on most cameras) and that RTSP is enabled in the camera's network settings",
                detail);
        }

        if (Says("matches no streams") || Says("Decoder (codec") || Says("Unsupported codec")
            || Says("unknown codec") || Says("Unsupported RTP") || Says("Unsupported payload"))
        {
            var offered = inputStreams.Count > 0 ? $"it offers {string.Join(", ", inputStreams)}" : "it offers no video ffmpeg recognises";
            return new(ProbeFailureKind.UnsupportedCodec, "unsupported codec",
                $"the camera at {target.HostPort} sends no video this box can decode: {offered}",
                "set the camera's video encoding to H.264 (the camera's web page, Video / Encoding), main or baseline profile", detail);
        }

        // The camera described its streams and accepted SETUP, then no packet came ("unspecified size": nothing to
        // look at; then ffmpeg's read timeout): over UDP, a firewall or NAT dropping RTP is the usual cause.
        var sessionOpened = inputStreams.Count > 0 || Says("Could not find codec parameters");
        if (sessionOpened && !Says("Connection to tcp://"))
        {
            return NoVideo(transport, target, seconds, detail);
        }

        if (Says("Connection timed out") || Says("No route to host") || Says("Network is unreachable") || Says("Host is unreachable")
            || Says("Address family not supported") || Says("Cannot assign requested address"))
        {
            var why = Says("Connection timed out") ? $"no answer within {seconds} s (connection timed out)"
                : Says("No route to host") ? "no route to host" : "network is unreachable";
            return new(ProbeFailureKind.Unreachable, "camera unreachable",
                $"{target.HostPort} cannot be reached from this box: {why}",
                "check the IP address, that the camera is powered and connected (cable, PoE switch port) and on a network this box reaches "
                + $"(same subnet or VLAN, or routed), and that no firewall drops port {target.Port}",
                detail);
        }

        if (Says("Failed to resolve hostname") || Says("Name or service not known") || Says("Temporary failure in name resolution"))
        {
            return new(ProbeFailureKind.Unreachable, "camera unreachable",
                $"the host name {target.Host} does not resolve to an address",
                "use the camera's IP address, or fix the name in DNS / /etc/hosts", detail);
        }

        if (Says("Invalid data found when processing input"))
        {
            return new(ProbeFailureKind.NotRtsp, "not an RTSP camera",
                $"something answered at {target.HostPort}, but not as an RTSP camera (or it did not answer the RTSP request)",
                $"check the port: RTSP is usually {DefaultRtspPort}, while 80/443 are the camera's web page; check that the address is the camera's",
                detail);
        }

        if (ffmpegLines.Count == 0 && readerError is not null && !target.Network)
        {
            return new(ProbeFailureKind.Other, "no frame", readerError,
                "check the source: a USB camera plugged in (ls /dev/video*) and its user in the video group, a file that plays", readerError);
        }

        if (ffmpegLines.Count == 0)
        {
            return NoVideo(transport, target, seconds, detail);
        }

        return new(ProbeFailureKind.Other, "stream failed", $"the stream at {target.HostPort}{target.Path} gave no frame: {detail}",
            "read ffmpeg's words above; check the URL against the camera's manual", detail);
    }

    private static ProbeFailure NoVideo(string? transport, Target target, string seconds, string? detail) => transport == "udp"
        ? new(ProbeFailureKind.UdpBlocked, "UDP blocked",
            $"the camera at {target.HostPort} accepted the RTSP session but no video arrived over UDP within {seconds} s",
            "try --transport tcp (transport \"tcp\" in the site file); if it must be UDP, let the RTP ports through the firewall or NAT between camera and box",
            detail)
        : new(ProbeFailureKind.NoFrames, "no video",
            $"connected to {target.HostPort}, but no video frame arrived within {seconds} s",
            "try a longer --timeout; if it persists, the camera may be overloaded or its stream stalled: lower its resolution or bitrate, or restart it",
            detail);

    private static ProbeFailure TransportRefused(string? transport, Target target, string reason, string? detail) => transport == "udp"
        ? new(ProbeFailureKind.UdpBlocked, "UDP blocked",
            $"the camera at {target.HostPort} refused to stream over UDP ({reason})",
            "try --transport tcp (transport \"tcp\" in the site file): this camera, or something between it and the box, allows only RTP over TCP",
            detail)
        : new(ProbeFailureKind.TcpRefused, "TCP refused",
            $"the camera at {target.HostPort} refused to stream over TCP ({reason})",
            "try --transport udp (transport \"udp\" in the site file), with the RTP ports open between camera and box", detail);

    // "method DESCRIBE failed: 401 Unauthorized", "Server returned 404 Not Found": the last status ffmpeg quotes.
    [GeneratedRegex(@"(?:failed:|Server returned)\s*(\d{3})\s+([A-Za-z][A-Za-z ]*)", RegexOptions.RightToLeft)]
    private static partial Regex RtspStatus();

    /// <summary>The parts of a camera URL a message may quote: never its user info.</summary>
    private sealed record Target(string Host, int Port, string Path, bool HasUser, bool Network = true)
    {
        public string HostPort => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

        public static Target Of(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.Host.Length == 0)
            {
                return new Target(UrlRedaction.Redact(url), DefaultRtspPort, "", false, Network: false);
            }

            var port = uri.Port > 0 ? uri.Port : DefaultRtspPort;
            var path = uri.PathAndQuery.Length > 0 ? uri.PathAndQuery : "/";
            return new Target(uri.Host.Trim('[', ']'), port, path, uri.UserInfo.Length > 0);
        }
    }
}
