namespace Watchpost.Cli.Service;

/// <summary>An existing file given its owner and mode (the site file, the secrets).</summary>
public sealed class FileAccessStep(string path, FileAccess access, string what) : ServiceStep
{
    public string Path { get; } = path;

    public FileAccess Access { get; } = access;

    public override string Describe() => $"set {what} {Path} {Access}";

    internal override Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken) =>
        Access.ApplyAsync(Path, context, cancellationToken);
}
