using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Watchpost.Bench;

/// <summary>
/// Bench's own live cameras: Debian's rtsp-server-perl (package rtsp-server-perl) on free local ports, and one
/// <c>ffmpeg -re -stream_loop -1 -i clip.mp4 -c copy -f rtsp</c> publisher per camera under its own path, so every
/// camera reads a separate live stream at the clip's own rate, as from a real camera. rtsp-server-perl relays
/// over UDP only. Each publisher reports its progress, from which the wall time at which it sent the clip's first
/// frame is known (<see cref="ClipStart"/>): the quiet scene's walk-ins are timed from it.
/// </summary>
internal sealed class BenchRtspServer : IAsyncDisposable
{
    public const string ServerGroup = "rtsp-server";
    public const string PublisherGroup = "rtsp-publisher";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// rtsp-server-perl with one change: the RTP port it falls back to when it has no stream (the package's
    /// $RTP_START_PORT, 20000, whatever --rtp_start_port says) is this server's own, so two servers do not collide.
    /// </summary>
    private const string Launcher =
        "use AnyEvent; use RTSP::Server; $RTSP::Server::RTP_START_PORT = shift @ARGV; "
        + "my $server = RTSP::Server->new_with_options(); $server->listen; AnyEvent->condvar->recv;";

    private readonly ILogger _logger;
    private readonly Dictionary<string, Publisher> _publishers = new(StringComparer.Ordinal);
    private Process? _server;

    private BenchRtspServer(ILogger logger, int clientPort, int sourcePort, int rtpPort)
    {
        _logger = logger;
        ClientPort = clientPort;
        SourcePort = sourcePort;
        RtpPort = rtpPort;
    }

    public int ClientPort { get; }

    public int SourcePort { get; }

    public int RtpPort { get; }

    public string UrlFor(string name) => $"rtsp://127.0.0.1:{ClientPort}/{name}";

    /// <summary>The server's and the publishers' processes, for <see cref="CpuMeter"/>.</summary>
    public IEnumerable<(string Group, int Pid)> Processes()
    {
        if (_server is { HasExited: false } server)
        {
            yield return (ServerGroup, server.Id);
        }

        foreach (var publisher in _publishers.Values.Where(p => !p.Process.HasExited))
        {
            yield return (PublisherGroup, publisher.Process.Id);
        }
    }

    /// <summary>Wall time at which the publisher of <paramref name="name"/> sent the clip's frame 0 (loop 0), or null before it reported.</summary>
    public DateTimeOffset? ClipStart(string name) => _publishers.TryGetValue(name, out var p) ? p.ClipStart : null;

    /// <summary>Starts the server and one publisher per name; returns once every stream answers DESCRIBE.</summary>
    public static async Task<BenchRtspServer> StartAsync(string clip, IReadOnlyList<string> names, ILogger logger, CancellationToken cancellationToken)
    {
        var server = new BenchRtspServer(logger, LocalPorts.FreeTcp(), LocalPorts.FreeTcp(), LocalPorts.FreeUdpRun(2 * names.Count));
        try
        {
            server._server = server.Run("perl", ["-e", Launcher, $"{server.RtpPort}",
                "--clientport", $"{server.ClientPort}", "--serverport", $"{server.SourcePort}",
                "--client_listen_address", "127.0.0.1", "--source_listen_address", "127.0.0.1", "--rtp_start_port", $"{server.RtpPort}"], null);
            await WaitUntilAsync(() => Task.FromResult(Accepts(server.ClientPort) && Accepts(server.SourcePort)), "rtsp-server-perl to listen (is the rtsp-server-perl package installed?)", cancellationToken);
            foreach (var name in names)
            {
                var publisher = new Publisher();
                publisher.Process = server.Run("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-progress", "pipe:1", "-stats_period", "0.5",
                    "-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "rtsp", $"rtsp://127.0.0.1:{server.SourcePort}/{name}"], publisher.OnProgress);
                server._publishers[name] = publisher;
            }

            foreach (var name in names)
            {
                await WaitUntilAsync(() => server.DescribesAsync(name), $"stream '{name}' to be published", cancellationToken);
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var publisher in _publishers.Values)
        {
            Kill(publisher.Process);
        }

        _publishers.Clear();
        if (_server is not null)
        {
            Kill(_server);
            _server = null;
        }

        return ValueTask.CompletedTask;
    }

    private Process Run(string file, IReadOnlyList<string> arguments, Action<string>? onStdout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onStdout?.Invoke(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                _logger.LogDebug("{File}: {Line}", file, line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"bench's RTSP server: waited {StartTimeout.TotalSeconds} s for {what}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<bool> DescribesAsync(string name)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, ClientPort, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"DESCRIBE {UrlFor(name)} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n"), timeout.Token);
            var reply = new byte[64];
            var read = await stream.ReadAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("RTSP/1.0 200", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
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

    /// <summary>One publisher and its clock: each progress report pairs the wall time with how much of the stream (loops included) it has sent.</summary>
    private sealed class Publisher
    {
        private readonly List<DateTimeOffset> _starts = [];

        public Process Process { get; set; } = null!;

        /// <summary>The median of (wall time - stream time sent) over its reports.</summary>
        public DateTimeOffset? ClipStart
        {
            get
            {
                lock (_starts)
                {
                    return _starts.Count == 0 ? null : _starts.Order().ElementAt(_starts.Count / 2);
                }
            }
        }

        public void OnProgress(string line)
        {
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros) && micros > 0)
            {
                lock (_starts)
                {
                    _starts.Add(DateTimeOffset.UtcNow - TimeSpan.FromMicroseconds(micros));
                }
            }
        }
    }
}
