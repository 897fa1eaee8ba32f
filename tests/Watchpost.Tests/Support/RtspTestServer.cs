using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Watchpost.Tests.Support;

/// <summary>
/// A real RTSP server for tests: Debian's rtsp-server-perl (its RTSP::Server module) on free local ports, with ffmpeg publishing
/// <see cref="TestClip"/> in a loop under each stream name. Readers use UDP transport (the server has no TCP
/// interleaving). <see cref="Stop"/> kills server and publishers; <see cref="StartAsync"/> starts them again on the
/// same ports. Dispose kills everything.
/// </summary>
public sealed class RtspTestServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// /usr/bin/rtsp-server-perl with one change: the RTP port it falls back to whenever it has no stream
    /// (RTSP::Server::housekeeping resets to the package's $RTP_START_PORT, 20000, ignoring --rtp_start_port)
    /// is this server's own, so that servers running at once do not all end up receiving on port 20000.
    /// </summary>
    private const string Launcher =
        "use AnyEvent; use RTSP::Server; $RTSP::Server::RTP_START_PORT = shift @ARGV; "
        + "my $server = RTSP::Server->new_with_options(); $server->listen; AnyEvent->condvar->recv;";

    private readonly List<string> _names = [];
    private readonly List<Process> _publishers = [];
    private readonly StringBuilder _output = new();
    private Process? _server;

    private RtspTestServer(int clientPort, int sourcePort, int rtpPort)
    {
        ClientPort = clientPort;
        SourcePort = sourcePort;
        RtpPort = rtpPort;
    }

    /// <summary>Where readers connect.</summary>
    public int ClientPort { get; }

    /// <summary>Where publishers push.</summary>
    public int SourcePort { get; }

    /// <summary>
    /// First of the UDP ports the server receives published RTP on (two per stream). Its default, 20000, is the
    /// same for every server, so two test servers at once would collide there.
    /// </summary>
    public int RtpPort { get; }

    /// <summary>What the server and the publishers wrote (for failure messages).</summary>
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

    /// <summary>Starts a server and publishes the clip under each name; returns once every stream can be read.</summary>
    public static async Task<RtspTestServer> StartAsync(params string[] names)
    {
        var server = new RtspTestServer(FreePort.Tcp(), FreePort.Tcp(), Watchpost.Bench.LocalPorts.FreeUdpRun(2 * names.Length));
        server._names.AddRange(names);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public string UrlFor(string name) => $"rtsp://127.0.0.1:{ClientPort}/{name}";

    /// <summary>(Re)starts the server and the publishers on the same ports.</summary>
    public async Task StartAsync()
    {
        _ = TestClip.Path; // make the clip before the clock starts
        _server = Run("perl", "-e", Launcher, $"{RtpPort}",
            "--clientport", $"{ClientPort}", "--serverport", $"{SourcePort}",
            "--client_listen_address", "127.0.0.1", "--source_listen_address", "127.0.0.1", "--rtp_start_port", $"{RtpPort}");
        await WaitUntilAsync(() => Task.FromResult(Accepts(ClientPort) && Accepts(SourcePort)), "the server to listen");
        foreach (var name in _names)
        {
            _publishers.Add(Run("ffmpeg",
                "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", TestClip.Path,
                "-c", "copy", "-f", "rtsp", $"rtsp://127.0.0.1:{SourcePort}/{name}"));
            await WaitUntilAsync(() => DescribesAsync(name), $"stream '{name}' to be published");
        }
    }

    /// <summary>Kills the publishers and the server (a camera going away).</summary>
    public void Stop()
    {
        foreach (var publisher in _publishers)
        {
            Kill(publisher);
        }

        _publishers.Clear();
        if (_server is not null)
        {
            Kill(_server);
            _server = null;
        }
    }

    public void Dispose() => Stop();

    private Process Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        process.OutputDataReceived += (_, e) => Append(file, e.Data);
        process.ErrorDataReceived += (_, e) => Append(file, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string who, string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Append(who).Append(": ").AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"RTSP test server: waited {StartTimeout.TotalSeconds} s for {what}; output: {Output}");
            }

            await Task.Delay(50);
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True once the server answers DESCRIBE for the stream with 200 (a publisher is pushing it).</summary>
    private async Task<bool> DescribesAsync(string name)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, ClientPort, timeout.Token);
            var stream = client.GetStream();
            var request = Encoding.ASCII.GetBytes($"DESCRIBE {UrlFor(name)} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
            await stream.WriteAsync(request, timeout.Token);
            var reply = new byte[64];
            var read = await stream.ReadAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("RTSP/1.0 200", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}
