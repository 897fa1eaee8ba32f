using System.Diagnostics;
using System.Text;

namespace Watchpost.Cli;

/// <summary>
/// Runs a system program for a verb (useradd, systemctl, timedatectl, ffmpeg -version, ...) to its end and returns
/// what it printed. Its output is parsed, so it runs in the C locale, without pager or colours.
/// </summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <returns>Exit code 127 with the reason when the program cannot be started (not installed, not executable).</returns>
    /// <exception cref="OperationCanceledException">Cancelled; the program is killed first.</exception>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["SYSTEMD_PAGER"] = "";
        start.Environment["SYSTEMD_COLORS"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(127, "", $"{program}: not found or not executable ({e.Message})");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
