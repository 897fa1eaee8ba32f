namespace Watchpost.Cli.Doctor;

/// <summary>The systemd unit's state (systemctl), or that systemd is not running here and so manages nothing.</summary>
internal sealed class ServiceCheck : IDoctorCheck
{
    public string Name => "service";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!SystemdState.Running)
        {
            return DoctorResult.Skip(Name, $"systemd is not running here (PID 1 is {SystemdState.Init}: a container?), so no service is managed",
                $"run it in the foreground: watchpost run --config {context.SiteFile}");
        }

        if (await SystemdState.QueryAsync(cancellationToken) is not { } state)
        {
            return DoctorResult.Skip(Name, "systemctl did not answer", "systemctl status watchpost");
        }

        return state switch
        {
            { Load: "not-found" } => DoctorResult.Fail(Name, "the watchpost unit is not installed", $"sudo watchpost service install --config {context.SiteFile}"),
            { Active: "active" } => DoctorResult.Pass(Name, "watchpost.service is active"),
            { Active: "activating" or "reloading" } => DoctorResult.Warn(Name, $"watchpost.service is {state.Active}", "systemctl status watchpost (wait a few seconds and run doctor again)"),
            _ => DoctorResult.Fail(Name, $"watchpost.service is {state.Active}", "sudo systemctl start watchpost; then see why it stopped: journalctl -u watchpost -n 50 --no-pager"),
        };
    }
}
