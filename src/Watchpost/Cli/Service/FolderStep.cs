namespace Watchpost.Cli.Service;

/// <summary>A folder with its owner and mode: created when absent, else given them.</summary>
public sealed class FolderStep(string path, FileAccess access) : ServiceStep
{
    public string Path { get; } = path;

    public FileAccess Access { get; } = access;

    private readonly bool _existed = Directory.Exists(path);

    public override string Describe() => $"{(_existed ? "set" : "create")} folder {Path} {Access}";

    internal override Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        return Access.ApplyAsync(Path, context, cancellationToken);
    }
}
