using System.Diagnostics;
using System.Text;

namespace Watchpost.Cli.Service;

/// <summary>The real system calls: each one a child process (useradd, chown, systemctl, ...), waited for.</summary>
public sealed class ProcessSystemCalls : ISystemCalls
{
    public bool SystemdRunning => Directory.Exists("/run/systemd/system");

    public async Task<SystemCallResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
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

        // Parsed output (systemctl show, journalctl) must not change with the installer's language.
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
            return new SystemCallResult(127, "", $"{program}: not found or not executable ({e.Message})");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new SystemCallResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
