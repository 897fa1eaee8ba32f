using System.Diagnostics;

namespace Watchpost.Tests.Support;

/// <summary>
/// A fact that runs a child process in a mount namespace of its own with a fresh tmpfs on /tmp (what systemd's
/// PrivateTmp gives a unit); reported as skipped, with the reason, where <c>unshare --mount</c> is not permitted.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrivateTmpFactAttribute : FactAttribute
{
    public const string Wrapper = "mount -t tmpfs tmpfs /tmp && exec \"$@\"";

    private static readonly Lazy<string?> Problem = new(Probe);

    public PrivateTmpFactAttribute()
    {
        if (Problem.Value is { } problem)
        {
            Skip = $"needs `unshare --mount` and a tmpfs mount on /tmp (root or CAP_SYS_ADMIN): {problem}";
        }
    }

    private static string? Probe()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["--mount", "sh", "-c", Wrapper, "sh", "true"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (probe is null)
            {
                return "unshare did not start";
            }

            var error = probe.StandardError.ReadToEnd();
            return probe.WaitForExit(10_000) && probe.ExitCode == 0 ? null : $"unshare failed: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unshare is not installed ({e.Message})";
        }
    }
}
