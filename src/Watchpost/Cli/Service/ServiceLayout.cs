namespace Watchpost.Cli.Service;

/// <summary>
/// Where the service's files go: the systemd unit, the config and data folders, the account and its groups.
/// Every path is absolute on the box; <see cref="Root"/> (the hidden <c>--root DIR</c>, like DESTDIR) puts the
/// files under another folder, so tests apply the file steps for real without touching the system's.
/// </summary>
public sealed record ServiceLayout
{
    public const string UnitName = "watchpost.service";
    public const string ServiceUser = "watchpost";
    public const string ConfigFolder = "/etc/watchpost";
    public const string DataFolder = "/var/lib/watchpost";
    public const string UnitFolder = "/etc/systemd/system";
    public const string DefaultPrefix = "/opt/watchpost";

    /// <summary>The groups the service user joins: video (cameras, GPU), gpio (the GPIO chips, see firmware-config's udev rule).</summary>
    public static readonly IReadOnlyList<string> SupplementaryGroups = ["video", "gpio"];

    /// <summary>"/" on a real install.</summary>
    public string Root { get; init; } = "/";

    /// <summary>The folder holding watchpost.dll (ExecStart names it).</summary>
    public string Prefix { get; init; } = DefaultPrefix;

    /// <summary>The site file the unit passes to <c>watchpost run --config</c>, as the box sees it.</summary>
    public string SiteFile { get; init; } = Configuration.WatchpostOptionsLoader.DefaultPath;

    public bool Rooted => Root != "/";

    /// <summary><paramref name="path"/> (absolute on the box) under <see cref="Root"/>.</summary>
    public string Under(string path) => Rooted ? Path.Join(Root, path) : path;

    /// <summary>A path under <see cref="Root"/> as the box sees it (the inverse of <see cref="Under"/>), or null when it is outside.</summary>
    public string? OnBox(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Rooted)
        {
            return full;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Root));
        return full.StartsWith(root + "/", StringComparison.Ordinal) ? full[root.Length..] : null;
    }

    public string UnitFile => Under(Path.Join(UnitFolder, UnitName));
}
