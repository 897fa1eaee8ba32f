namespace Watchpost.Cli.Service;

/// <summary><c>watchpost service status --json</c>.</summary>
internal sealed record ServiceStatusView(
    bool SystemdRunning, string Unit, bool Installed, string? LoadState, string? ActiveState, string? SubState, string? Result,
    int? MainPid, DateTime? Since, string? UnitFileState, string? UnitFile, IReadOnlyList<string> Log, string? Problem);
