using System.Globalization;
using System.Text;

namespace Watchpost.Tests.Ingest;

/// <summary>
/// A stand-in for ffmpeg: a shell script that writes ffmpeg-style stderr (the output stream line, one PTS line
/// per frame) and raw BGR frames to stdout. Frame i is filled with the byte <see cref="ByteOf"/>(i), so a test
/// can tell frames apart. What it does after the frames: exit with a code, or hang like a frozen stream.
/// </summary>
internal sealed class FakeFfmpeg : IDisposable
{
    private FakeFfmpeg(string folder) => Folder = folder;

    public string Folder { get; }
    public string Executable => Path.Combine(Folder, "ffmpeg");

    /// <summary>The pid of the script's latest run (it execs sleep to hang, keeping the pid).</summary>
    public int? LastPid => File.Exists(Path.Combine(Folder, "pid")) && int.TryParse(File.ReadAllText(Path.Combine(Folder, "pid")).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    public static byte ByteOf(long frame) => (byte)((frame % 250) + 1);

    /// <param name="paceSeconds">Sleep between frames (0 = as fast as the pipe takes them).</param>
    /// <param name="ptsStart">PTS of the first frame; then one 1/<paramref name="ptsFps"/> step per frame.</param>
    /// <param name="hang">After the frames, complain of lost packets and sleep instead of exiting (a frozen stream).</param>
    public static FakeFfmpeg Create(int width, int height, int frames, double paceSeconds = 0, double ptsStart = 5,
        double ptsFps = 25, bool hang = false, int exitCode = 0, bool announceSize = true)
    {
        var folder = Directory.CreateTempSubdirectory("watchpost-fake-ffmpeg-").FullName;
        var fake = new FakeFfmpeg(folder);
        var frameBytes = width * height * 3;
        var script = new StringBuilder("#!/bin/sh\n")
            .Append(CultureInfo.InvariantCulture, $"echo $$ > '{folder}/pid'\n")
            .Append(CultureInfo.InvariantCulture, $"cat '{folder}/header.txt' >&2\n");
        var header = new StringBuilder()
            .AppendLine("Input #0, rtsp, from 'rtsp://fake/stream':")
            .AppendLine(CultureInfo.InvariantCulture, $"  Stream #0:0: Video: h264 (High), yuv420p(progressive), {width}x{height}, 25 fps, 25 tbr, 90k tbn")
            .AppendLine("Output #0, rawvideo, to 'pipe:1':");
        if (announceSize)
        {
            header.AppendLine(CultureInfo.InvariantCulture, $"  Stream #0:0: Video: rawvideo (BGR[24] / 0x18524742), bgr24(pc, gbr/unknown/unknown, progressive), {width}x{height}, q=2-31, 25 fps");
        }

        File.WriteAllText(Path.Combine(folder, "header.txt"), header.ToString());
        using (var all = File.Create(Path.Combine(folder, "frames.raw")))
        {
            var pixels = new byte[frameBytes];
            for (var i = 0; i < frames; i++)
            {
                Array.Fill(pixels, ByteOf(i));
                all.Write(pixels);
                if (paceSeconds > 0)
                {
                    File.WriteAllBytes(Path.Combine(folder, $"f{i}.raw"), pixels);
                }
            }
        }

        string PtsLine(int i) => string.Create(CultureInfo.InvariantCulture,
            $"[Parsed_metadata_1 @ 0x5555deadbeef] frame:{i,-4} pts:{i * 3600,-7} pts_time:{ptsStart + (i / ptsFps)}\n[Parsed_metadata_1 @ 0x5555deadbeef] watchpost=1\n");
        if (paceSeconds > 0)
        {
            for (var i = 0; i < frames; i++)
            {
                script.Append(CultureInfo.InvariantCulture, $"printf '%s' '{PtsLine(i)}' >&2\ncat '{folder}/f{i}.raw'\nsleep {paceSeconds}\n");
            }
        }
        else
        {
            File.WriteAllText(Path.Combine(folder, "pts.txt"), string.Concat(Enumerable.Range(0, frames).Select(PtsLine)));
            script.Append(CultureInfo.InvariantCulture, $"cat '{folder}/pts.txt' >&2\ncat '{folder}/frames.raw'\n");
        }

        script.Append(hang ? "echo '[udp] fake: RTP: missed 42 packets' >&2\nexec sleep 60\n" : $"echo 'fake: the stream went away' >&2\nexit {exitCode}\n");
        File.WriteAllText(fake.Executable, script.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake.Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return fake;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
