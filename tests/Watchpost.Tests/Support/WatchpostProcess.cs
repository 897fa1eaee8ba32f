using System.Diagnostics;
using System.Text;

namespace Watchpost.Tests.Support;

/// <summary>
/// Runs the real `watchpost` executable (the build the tests reference, as `dotnet watchpost.dll ...`) once, to its
/// end: what an installer's shell would see. The working folder, environment and standard input are the test's.
/// </summary>
public static class WatchpostProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Everything it printed, for assertion messages.</summary>
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="timeout">Default 60 s; the process is killed past it and the test fails.</param>
    public static async Task<Result> RunAsync(
        IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null,
        string? stdin = null, TimeSpan? timeout = null)
    {
        var dll = typeof(Watchpost.Cli.WatchpostCli).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("watchpost did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"watchpost {string.Join(' ', arguments)} ran past {timeout ?? TimeSpan.FromSeconds(60)}:\n{await stdout}\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Result> RunAsync(params string[] arguments) => RunAsync((IEnumerable<string>)arguments);
}
