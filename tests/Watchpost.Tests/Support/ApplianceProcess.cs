using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Watchpost.Tests.Support;

/// <summary>
/// `dotnet watchpost.dll run --config FILE` as a child process (the build the tests reference), with every line it
/// writes kept and each raised event ("... event &lt;id&gt;") noted with the time the line arrived here. Killed in Dispose.
/// </summary>
public sealed partial class ApplianceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(string Id, DateTime SeenAt)> _raised = new();

    private ApplianceProcess(Process process) => _process = process;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Events the child announced, with the UTC time each line reached the test (no earlier than it was logged).</summary>
    public IReadOnlyList<(string Id, DateTime SeenAt)> Raised => [.. _raised];

    public bool HasExited => _process.HasExited;

    public static ApplianceProcess Start(string siteFile)
    {
        var dll = typeof(Watchpost.Mqtt.OutboxSender).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "run", "--config", siteFile })
        {
            start.ArgumentList.Add(argument);
        }

        var appliance = new ApplianceProcess(Process.Start(start) ?? throw new InvalidOperationException("watchpost did not start"));
        appliance._process.OutputDataReceived += (_, line) => appliance.Take(line.Data);
        appliance._process.ErrorDataReceived += (_, line) => appliance.Take(line.Data);
        appliance._process.BeginOutputReadLine();
        appliance._process.BeginErrorReadLine();
        return appliance;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd stops the service: cameras stop, the recorder drains, the outbox is flushed.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (RaisedLine().Match(line) is { Success: true } match)
        {
            _raised.Enqueue((match.Groups[1].Value, DateTime.UtcNow));
        }
    }

    [GeneratedRegex(@"\) event ([0-9a-f]{32})\b")]
    private static partial Regex RaisedLine();
}
