namespace Watchpost.Cli.Service;

/// <summary>How a program run by <see cref="ISystemCalls"/> ended and what it printed.</summary>
public sealed record SystemCallResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    /// <summary>The last non-empty line of stderr (else stdout): what a failure message quotes.</summary>
    public string Reason =>
        (Stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0)
            ?? Stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0)
            ?? $"exit code {ExitCode}");
}
