namespace Watchpost.Cli.Service;

/// <summary>Writes a file (the systemd unit) whole, through a temporary file and a rename, with its owner and mode.</summary>
public sealed class WriteFileStep(string path, string content, FileAccess access, string what) : ServiceStep
{
    public string Path { get; } = path;

    public string Content { get; } = content;

    public FileAccess Access { get; } = access;

    private readonly string _verb = !File.Exists(path) ? "write" : File.ReadAllText(path) == content ? "write (unchanged)" : "replace";

    public override string Describe() => $"{_verb} {what} {Path} {Access}";

    internal override async Task ApplyAsync(ServiceStepContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".watchpost-new";
        await File.WriteAllTextAsync(temporary, Content, cancellationToken);
        await Access.ApplyAsync(temporary, context, cancellationToken);
        File.Move(temporary, Path, overwrite: true);
    }
}
