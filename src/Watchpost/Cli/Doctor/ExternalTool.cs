namespace Watchpost.Cli.Doctor;

/// <summary>Runs the system tools doctor asks (ffmpeg, systemctl, timedatectl, nvpmodel, ldd), found on PATH, with a time limit.</summary>
internal static class ExternalTool
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The first non-empty line of stdout, else of stderr.</summary>
        public string FirstLine => (Stdout + "\n" + Stderr).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
    }

    /// <summary>The full path of <paramref name="name"/> on PATH (or /usr/sbin, /sbin: nvpmodel, ldconfig), or null.</summary>
    public static string? Find(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/sbin", "/usr/bin"]).Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="name"/>; null when it is not installed. A run past <paramref name="timeout"/> is killed (exit code -1).</summary>
    public static async Task<Output?> RunAsync(string name, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } executable)
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var run = await ChildProcess.RunAsync(executable, arguments, limit.Token);
            return new Output(run.ExitCode, run.Stdout, run.Stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Output(-1, "", $"{name} did not answer within {timeout.TotalSeconds:0} s");
        }
    }
}
