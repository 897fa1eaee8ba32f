namespace Watchpost.Cli.Doctor;

/// <summary>What systemd says of the watchpost unit, or that systemd is not running here (a container).</summary>
internal static class SystemdState
{
    public const string Unit = "watchpost";

    /// <summary>Whether systemd is this machine's init (the test systemd itself uses: /run/systemd/system exists).</summary>
    public static bool Running => Directory.Exists("/run/systemd/system");

    /// <summary>PID 1's name, to say what runs instead of systemd.</summary>
    public static string Init
    {
        get
        {
            try
            {
                return File.ReadAllText("/proc/1/comm").Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return "unknown";
            }
        }
    }

    /// <summary>(ActiveState, LoadState) of the unit, e.g. ("active", "loaded"), ("inactive", "not-found"); null without systemd or systemctl.</summary>
    public static async Task<(string Active, string Load)?> QueryAsync(CancellationToken cancellationToken)
    {
        if (!Running)
        {
            return null;
        }

        var show = await ExternalTool.RunAsync("systemctl", ["show", "-p", "ActiveState", "-p", "LoadState", "-p", "SubState", Unit + ".service"], TimeSpan.FromSeconds(10), cancellationToken);
        if (show is not { ExitCode: 0 })
        {
            return null;
        }

        var values = show.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return (values.GetValueOrDefault("ActiveState", "unknown"), values.GetValueOrDefault("LoadState", "unknown"));
    }

    /// <summary>How to start the service here: systemctl where systemd runs, else in the foreground.</summary>
    public static string StartHint(string siteFile) =>
        Running ? "sudo systemctl start watchpost" : $"watchpost run --config {siteFile}   (systemd is not running here)";
}
