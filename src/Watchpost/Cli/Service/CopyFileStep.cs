namespace Watchpost.Cli.Service;

/// <summary>Copies a file to where the service reads it (never over an existing one: the plan refuses that).</summary>
public sealed class CopyFileStep(string from, string to) : ServiceStep
{
    public string From { get; } = from;

    public string To { get; } = to;

    public override string Describe() => $"copy {From} to {To}";

    internal override Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken)
    {
        File.Copy(From, To, overwrite: false);
        return Task.CompletedTask;
    }
}
