using System.CommandLine;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>The options every verb spells the same way.</summary>
public static class CommonOptions
{
    /// <summary><c>--config FILE</c> (<c>-c</c>): the site file, default <see cref="WatchpostOptionsLoader.DefaultPath"/>.</summary>
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "The site file",
        DefaultValueFactory = _ => WatchpostOptionsLoader.DefaultPath,
    };

    /// <summary><c>--json</c>: one JSON document (snake_case keys, <see cref="CliJson"/>) on stdout instead of text.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (snake_case keys) for scripts instead of text" };
}
