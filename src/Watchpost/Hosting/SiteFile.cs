namespace Watchpost.Hosting;

/// <summary>The site file the service was started from (`watchpost run --config`), which `reload` reads again.</summary>
public sealed record SiteFile(string Path);
