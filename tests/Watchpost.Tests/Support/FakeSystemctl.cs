using System.Collections.Concurrent;
using Watchpost.Cli.Service;

namespace Watchpost.Tests.Support;

/// <summary>
/// The system calls of <c>watchpost service</c> with ONLY systemctl simulated (systemd cannot run in this
/// container): every other program (useradd, groupadd, chown, journalctl, ...) runs for real. The simulated unit
/// goes inactive -> activating -> active after a restart (or -> failed, or stays activating, as the test says),
/// and each systemctl command line is recorded.
/// </summary>
internal sealed class FakeSystemctl(FakeSystemctl.Start start = FakeSystemctl.Start.BecomesActive) : ISystemCalls
{
    public enum Start
    {
        BecomesActive,
        Fails,
        NeverReady,
    }

    public const int MainPid = 4242;

    private readonly ProcessSystemCalls _real = new();
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<string> _others = new();
    private string _state = "inactive";
    private bool _loaded;
    private bool _enabled;
    private int _showsSinceRestart;

    public bool SystemdRunning => true;

    /// <summary>The systemctl command lines, in order (without "systemctl").</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>The programs that ran for real, with their arguments.</summary>
    public IReadOnlyList<string> RealCalls => [.. _others];

    public Task<SystemCallResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (program != "systemctl")
        {
            _others.Enqueue(string.Join(' ', arguments.Prepend(program)));
            return _real.RunAsync(program, arguments, cancellationToken);
        }

        var line = string.Join(' ', arguments);
        if (arguments[0] != "show")
        {
            _calls.Enqueue(line);
        }

        switch (arguments[0])
        {
            case "daemon-reload":
                _loaded = true;
                break;
            case "enable":
                _enabled = true;
                break;
            case "disable":
                _enabled = false;
                break;
            case "stop":
                _state = "inactive";
                break;
            case "restart":
                _state = "activating";
                _showsSinceRestart = 0;
                break;
            case "show":
                return Task.FromResult(new SystemCallResult(0, Show(), ""));
        }

        return Task.FromResult(new SystemCallResult(0, "", ""));
    }

    private string Show()
    {
        if (_state == "activating" && ++_showsSinceRestart >= 2)
        {
            _state = start switch
            {
                Start.BecomesActive => "active",
                Start.Fails => "failed",
                _ => "activating",
            };
        }

        var sub = _state switch { "active" => "running", "activating" => "start", "failed" => "failed", _ => "dead" };
        return string.Join('\n',
            $"LoadState={(_loaded ? "loaded" : "not-found")}",
            $"ActiveState={_state}",
            $"SubState={sub}",
            $"Result={(_state == "failed" ? "exit-code" : "success")}",
            $"MainPID={(_state is "active" or "activating" ? MainPid : 0)}",
            $"ActiveEnterTimestamp={(_state == "active" ? "Wed 2026-12-02 01:02:03 UTC" : "")}",
            $"UnitFileState={(_loaded ? (_enabled ? "enabled" : "disabled") : "")}",
            $"FragmentPath={(_loaded ? "/etc/systemd/system/watchpost.service" : "")}",
            "");
    }
}
