namespace Watchpost.Hosting;

/// <summary>What a reload found and did.</summary>
/// <param name="Cameras">Per camera: "rules replaced", "restarted", "started" or "stopped".</param>
public sealed record SiteReloadResult(string Path, SiteDiff Diff, IReadOnlyDictionary<string, string> Cameras);
