using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Watchpost.Tests.Support;

/// <summary>
/// A real mosquitto (Debian package) on a free loopback port, anonymous, in its own temporary folder. It can be
/// stopped and started again on the same port to simulate an outage; with <c>persistent</c> it saves sessions
/// (and their queued QoS-1 messages) across such a restart. Killed in Dispose.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _folder;
    private readonly bool _persistent;
    private readonly IReadOnlyList<string> _extraConfig;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private Process? _process;

    private MosquittoBroker(int port, bool persistent, string folder, IReadOnlyList<string> extraConfig)
    {
        _folder = folder;
        Port = port;
        _persistent = persistent;
        _extraConfig = extraConfig;
    }

    public int Port { get; }

    /// <summary>What mosquitto wrote to stderr (its log), to print when a test fails.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    /// <summary>The broker's own folder (config, persistence), e.g. for certificates or an ACL file it reads.</summary>
    public string Folder => _folder;

    public const string Host = "127.0.0.1";

    /// <param name="extraConfig">
    /// Lines appended to the config after the listener (TLS files, an acl_file, a bridge <c>connection</c>); a
    /// function of the broker's folder, so files it names can be written there first.
    /// </param>
    public static async Task<MosquittoBroker> StartAsync(bool persistent = false, Func<string, IEnumerable<string>>? extraConfig = null)
    {
        var folder = Directory.CreateTempSubdirectory("watchpost-mosquitto-").FullName;
        var broker = new MosquittoBroker(FreePort.Tcp(), persistent, folder, extraConfig?.Invoke(folder).ToList() ?? []);
        try
        {
            await broker.StartAgainAsync();
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>A broker that refuses anonymous clients and accepts only <paramref name="username"/> with <paramref name="password"/> (a mosquitto_passwd file).</summary>
    public static Task<MosquittoBroker> StartWithPasswordAsync(string username, string password) => StartAsync(extraConfig: folder =>
    {
        var file = Path.Combine(folder, "passwords");
        using (var passwd = Process.Start("mosquitto_passwd", ["-c", "-b", file, username, password]) ?? throw new InvalidOperationException("mosquitto_passwd did not start"))
        {
            passwd.WaitForExit();
            if (passwd.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd exited with {passwd.ExitCode}");
            }
        }

        return ["allow_anonymous false", $"password_file {file}"];   // the later allow_anonymous wins
    });

    /// <summary>Starts mosquitto (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("mosquitto is already running");
        }

        var config = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllLines(config,
        [
            $"listener {Port} {Host}",
            "allow_anonymous true",
            "user root",
            $"pid_file {Path.Combine(_folder, "mosquitto.pid")}",
            _persistent ? "persistence true" : "persistence false",
            $"persistence_location {_folder}/",
            "log_dest stderr",
            .. _extraConfig,
        ]);
        var start = new ProcessStartInfo("mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _log.Enqueue(line.Data);
            }
        };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var listening = await Poll.UntilAsync(() => _process.HasExited || CanConnect(), TimeSpan.FromSeconds(10));
        if (!listening || _process.HasExited)
        {
            throw new InvalidOperationException($"mosquitto did not listen on {Host}:{Port} (exit code {(_process.HasExited ? _process.ExitCode : -1)})");
        }
    }

    /// <summary>Stops mosquitto with SIGTERM (it saves its sessions when persistent) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            _process.Dispose();
            _process = null;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool CanConnect()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
