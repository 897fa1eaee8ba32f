namespace Watchpost.Cli.Service;

/// <summary>The real system calls: each one a child process (useradd, chown, systemctl, ...), waited for.</summary>
public sealed class ProcessSystemCalls : ISystemCalls
{
    public bool SystemdRunning => Directory.Exists("/run/systemd/system");

    public async Task<SystemCallResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var run = await ChildProcess.RunAsync(program, arguments, cancellationToken);
        return new SystemCallResult(run.ExitCode, run.Stdout, run.Stderr);
    }
}
