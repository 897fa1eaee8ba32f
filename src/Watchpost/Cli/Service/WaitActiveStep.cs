namespace Watchpost.Cli.Service;

/// <summary>
/// Waits until systemd reports the unit active: with Type=notify that is only after the service sent READY=1
/// (every stage started). A unit that fails, or is still starting at the timeout, fails the step.
/// </summary>
public sealed class WaitActiveStep(TimeProvider? time = null) : ServiceStep
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override string Describe() => $"wait until {ServiceLayout.UnitName} is active (it sends READY=1 once every stage has started)";

    internal override async Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + context.Timeout;
        var state = await ServiceState.QueryAsync(context.System, cancellationToken);
        while (!state.Active)
        {
            if (state.ActiveState == "failed" || (state.ActiveState == "inactive" && state.Result is { } result && result != "success"))
            {
                throw new ServiceStepException($"{ServiceLayout.UnitName} failed to start ({state.ActiveState}, result {state.Result}); see its log below or `journalctl -u watchpost`");
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new ServiceStepException(
                    $"{ServiceLayout.UnitName} is still {state.ActiveState} ({state.SubState}) after {context.Timeout.TotalSeconds:0} s: it has not sent READY=1; " +
                    "see its log below, or wait and run `watchpost service status`");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken);
            state = await ServiceState.QueryAsync(context.System, cancellationToken);
        }
    }
}
