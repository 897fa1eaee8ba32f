using System.Globalization;

namespace Watchpost.Cli.Service;

/// <summary>What systemd says of the unit (<c>systemctl show</c>): loaded or not, active or not, since when, its main PID.</summary>
public sealed record ServiceState
{
    internal const string Properties = "LoadState,ActiveState,SubState,Result,MainPID,ActiveEnterTimestamp,UnitFileState,FragmentPath";

    public required string LoadState { get; init; }

    public required string ActiveState { get; init; }

    public required string SubState { get; init; }

    public string? Result { get; init; }

    public int? MainPid { get; init; }

    /// <summary>When it last became active (UTC), or null when it never was since boot.</summary>
    public DateTime? Since { get; init; }

    /// <summary>enabled, disabled, ... (null when not installed).</summary>
    public string? UnitFileState { get; init; }

    public string? UnitFile { get; init; }

    public bool Installed => LoadState == "loaded";

    public bool Active => ActiveState == "active";

    /// <summary>Reads the unit's state with <c>systemctl show</c>; a systemctl that cannot answer fails the check.</summary>
    internal static async Task<ServiceState> QueryAsync(ISystemCalls system, CancellationToken cancellationToken)
    {
        var result = await system.RunAsync("systemctl", ["show", ServiceLayout.UnitName, "--timestamp=utc", $"--property={Properties}"], cancellationToken);
        if (!result.Ok)
        {
            throw new ServiceStepException($"`systemctl show {ServiceLayout.UnitName}` failed: {result.Reason}");
        }

        return Parse(result.Stdout);
    }

    /// <summary>Parses <c>systemctl show</c>'s KEY=VALUE lines.</summary>
    internal static ServiceState Parse(string show)
    {
        var values = show.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
        string? Value(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        return new ServiceState
        {
            LoadState = Value("LoadState") ?? "unknown",
            ActiveState = Value("ActiveState") ?? "unknown",
            SubState = Value("SubState") ?? "unknown",
            Result = Value("Result"),
            MainPid = int.TryParse(Value("MainPID"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null,
            Since = ParseTimestamp(Value("ActiveEnterTimestamp")),
            UnitFileState = Value("UnitFileState"),
            UnitFile = Value("FragmentPath"),
        };
    }

    /// <summary>"Wed 2026-12-02 01:00:00 UTC" (systemctl --timestamp=utc).</summary>
    private static DateTime? ParseTimestamp(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && DateTime.TryParseExact($"{parts[1]} {parts[2]}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }
}
