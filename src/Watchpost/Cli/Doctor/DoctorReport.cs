namespace Watchpost.Cli.Doctor;

/// <summary><c>watchpost doctor --json</c>: whether every check passed, and each check's name, status, ok, detail and hint.</summary>
public sealed record DoctorReport(bool Ok, string SiteFile, string? Board, IReadOnlyList<DoctorResult> Checks);
