#!/usr/bin/python3
"""A password-protected RTSP server for Watchpost's tests: GStreamer's RTSP server (Debian's
gir1.2-gst-rtsp-server-1.0) serving a live test pattern under one mount.

  gst_rtsp_server.py --port 8554 --mount /stream1 --user admin --password secret [--codec h264|h265|gst] [--tcp-only] [--no-rtp]

--codec gst sends the frames in GStreamer's own RTP payload (X-GST), which no camera client (ffmpeg included) can
decode: the "unsupported codec" case. --tcp-only offers RTP over the RTSP connection only, so a client asking for
UDP is refused (461 Unsupported transport): UDP "blocked". Prints "ready" on stdout once it listens.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

SOURCE = "videotestsrc is-live=true pattern=ball ! video/x-raw,width={w},height={h},framerate={fps}/1"
ENCODERS = {
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} ! rtph264pay name=pay0 pt=96 config-interval=1",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} ! rtph265pay name=pay0 pt=96 config-interval=1",
    "gst": "jpegenc ! rtpgstpay name=pay0 pt=96",
}

# --no-rtp: the session is described and set up as usual, then every RTP packet is dropped on the way out, as a
# firewall or NAT that blocks the camera's RTP would (the RTSP dialogue itself still works).
DROP_RTP = " ! identity name=pay0 drop-probability=1.0"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mount", default="/stream1")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--codec", choices=sorted(ENCODERS), default="h264")
    parser.add_argument("--tcp-only", action="store_true")
    parser.add_argument("--no-rtp", action="store_true")
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=360)
    parser.add_argument("--fps", type=int, default=10)
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    factory = GstRtspServer.RTSPMediaFactory()
    launch = SOURCE + " ! " + ENCODERS[args.codec]
    if args.no_rtp:
        launch = launch.replace(" name=pay0", "") + DROP_RTP
    factory.set_launch("( " + launch.format(w=args.width, h=args.height, fps=args.fps) + " )")
    factory.set_shared(True)
    if args.tcp_only:
        factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP)

    if args.user:
        # Basic authentication: only this user may see and play the mount; anyone else gets 401.
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "camera-user")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password or ""), token)
        server.set_auth(auth)
        factory.add_role_from_structure(Gst.Structure.from_string(
            "camera-user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0])

    server.get_mount_points().add_factory(args.mount, factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{args.port}", file=sys.stderr)
        sys.exit(1)

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("ready", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
