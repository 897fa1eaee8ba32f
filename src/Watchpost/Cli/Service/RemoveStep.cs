namespace Watchpost.Cli.Service;

/// <summary>Removes a file, or a folder with everything in it (only with <c>uninstall --purge</c>).</summary>
public sealed class RemoveStep(string path, string what) : ServiceStep
{
    public string Path { get; } = path;

    private readonly bool _folder = Directory.Exists(path);

    public override string Describe() => _folder ? $"remove {what} {Path} and everything in it" : $"remove {what} {Path}";

    internal override Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
        else
        {
            File.Delete(Path);
        }

        return Task.CompletedTask;
    }
}
