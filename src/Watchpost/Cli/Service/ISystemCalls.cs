namespace Watchpost.Cli.Service;

/// <summary>
/// The system calls of <c>watchpost service</c>: useradd/groupadd/usermod/userdel, chown, systemctl and journalctl,
/// run as programs. <see cref="ProcessSystemCalls"/> runs them; tests replace only systemctl (systemd cannot run
/// in their container) and run the others for real under a temporary root.
/// </summary>
public interface ISystemCalls
{
    /// <summary>True when systemd is the init system here (<c>/run/systemd/system</c> exists), so systemctl can start units.</summary>
    bool SystemdRunning { get; }

    /// <summary>Runs <paramref name="program"/> to its end with the C locale (its output is parsed).</summary>
    Task<SystemCallResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
