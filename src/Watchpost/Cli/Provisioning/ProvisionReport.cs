namespace Watchpost.Cli.Provisioning;

/// <summary>`provision --json`: what was (or with --dry-run would be) changed; secrets are ***.</summary>
/// <param name="Applied">Whether anything was written (false for --dry-run and when there was nothing to change).</param>
public sealed record ProvisionReport(string SiteFile, string Config, string UsersFile, bool DryRun, bool Applied, IReadOnlyList<ProvisionChange> Changes);
