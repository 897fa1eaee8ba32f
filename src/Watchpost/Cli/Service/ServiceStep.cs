namespace Watchpost.Cli.Service;

/// <summary>
/// One step of an install or uninstall plan. The whole plan is built first (from what the box has now) and applied
/// second, so that <c>--dry-run</c> prints exactly what would run and tests can check the plan itself.
/// </summary>
public abstract class ServiceStep
{
    /// <summary>What the step does, as a line the installer can read (a command line, or a file with its owner and mode).</summary>
    public abstract string Describe();

    /// <summary>Does it; a failure throws <see cref="ServiceStepException"/> naming the step.</summary>
    internal abstract Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken);

    public override string ToString() => Describe();
}
