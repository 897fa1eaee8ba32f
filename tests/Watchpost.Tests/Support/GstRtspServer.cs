using System.Diagnostics;
using System.Text;

namespace Watchpost.Tests.Support;

/// <summary>
/// A real RTSP server that serves over TCP and can require a password: GStreamer's RTSP server (Debian's
/// gir1.2-gst-rtsp-server-1.0) driven by Support/gst_rtsp_server.py, on a free local port, streaming a live
/// 640x360 10 fps test pattern under one mount. Dispose stops it.
/// </summary>
public sealed class GstRtspServer : IAsyncDisposable
{
    public const int Width = 640;
    public const int Height = 360;
    public const int Fps = 10;

    private const string Python = "/usr/bin/python3"; // Debian's, which has python3-gi (a pyenv python on PATH may not)
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GstRtspServer(Process process, int port, string mount)
    {
        _process = process;
        Port = port;
        Mount = mount;
    }

    public int Port { get; }

    public string Mount { get; }

    /// <summary>Why the server cannot run here (the missing package), or null when it can.</summary>
    public static string? Missing { get; } = FindMissing();

    /// <summary>What the server wrote (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="codec">h264, h265, or gst (GStreamer's own RTP payload: no camera client can decode it).</param>
    /// <param name="tcpOnly">Offer RTP over the RTSP connection only: a client asking for UDP gets 461.</param>
    /// <param name="noRtp">Set sessions up as usual but drop every RTP packet, as a firewall blocking the camera's RTP would.</param>
    public static async Task<GstRtspServer> StartAsync(
        string? user = null, string? password = null, string codec = "h264", bool tcpOnly = false, bool noRtp = false, string mount = "/stream1")
    {
        var port = FreePort.Tcp();
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "gst_rtsp_server.py"));
        foreach (var argument in new[] { "--port", $"{port}", "--mount", mount, "--codec", codec, "--width", $"{Width}", "--height", $"{Height}", "--fps", $"{Fps}" })
        {
            start.ArgumentList.Add(argument);
        }

        if (user is not null)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password ?? "");
        }

        if (tcpOnly)
        {
            start.ArgumentList.Add("--tcp-only");
        }

        if (noRtp)
        {
            start.ArgumentList.Add("--no-rtp");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        var server = new GstRtspServer(process, port, mount);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            server.Append(e.Data);
            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(ready.Task, process.WaitForExitAsync()).WaitAsync(StartTimeout);
            if (!ready.Task.IsCompleted)
            {
                throw new InvalidOperationException($"the GStreamer RTSP server exited: {server.Output}");
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The stream's URL with these credentials (none: no user info) and this path (default the mount).</summary>
    public string Url(string? user = null, string? password = null, string? path = null) =>
        $"rtsp://{(user is null ? "" : $"{user}:{password}@")}127.0.0.1:{Port}{path ?? Mount}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string? FindMissing()
    {
        string[] libs = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"];
        bool Has(string relative) => libs.Any(lib => File.Exists(Path.Combine(lib, relative)));
        var missing = new List<string>();
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/gi"))
        {
            missing.Add("python3-gi");
        }

        if (!Has("girepository-1.0/GstRtspServer-1.0.typelib"))
        {
            missing.Add("gir1.2-gst-rtsp-server-1.0");
        }

        if (!Has("gstreamer-1.0/libgstx264.so"))
        {
            missing.Add("gstreamer1.0-plugins-ugly (x264enc)");
        }

        return missing.Count == 0 ? null : $"GStreamer's RTSP server: apt-get install {string.Join(", ", missing)} (or ./setup.sh deps)";
    }
}
