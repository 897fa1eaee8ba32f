using System.CommandLine;
using Watchpost.Configuration;

namespace Watchpost.Cli.Site;

/// <summary>What the zone, line and rule verbs share: the <c>--camera</c> filter of their list, and their output.</summary>
internal static class SiteListing
{
    public static Option<string?> CameraFilter(string what) => new("--camera") { Description = $"Only this camera's {what}" };

    /// <summary>The site file and the camera to list (null: all); an unknown camera is bad input.</summary>
    public static (WatchpostOptions Site, string? Camera) Load(ParseResult parse, Option<string> config, Option<string?> camera)
    {
        var file = Path.GetFullPath(parse.GetRequiredValue(config));
        var site = WatchpostOptionsLoader.Load(file);
        var only = parse.GetValue(camera);
        if (only is not null)
        {
            SiteSections.RequireKnown("camera", only, [.. site.Cameras.Select(c => c.Id)], file);
        }

        return (site, only);
    }

    /// <summary>The listed items as JSON (<c>--json</c>), else a table, else (none) a line saying how to add one.</summary>
    public static int Write<T>(ParseResult parse, Option<bool> json, IReadOnlyList<T> items, string none, Func<IReadOnlyList<T>, TextTable> table)
    {
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(json))
        {
            CliJson.Write(output, items);
        }
        else if (items.Count == 0)
        {
            output.WriteLine(none);
        }
        else
        {
            table(items).Write(output);
        }

        return ExitCodes.Ok;
    }

    /// <summary>" on camera 'x'" when the list is filtered.</summary>
    public static string OnCamera(string? camera) => camera is null ? "" : $" on camera '{camera}'";

    /// <summary>
    /// Removes the zone or line <paramref name="id"/> from <paramref name="section"/>, refused (nothing changed) while
    /// rules read it.
    /// </summary>
    public static async Task<int> RemoveUnreadAsync(
        ParseResult parse, Option<string> config, string what, string section, string id,
        Func<WatchpostOptions, IEnumerable<string>> ids, Func<WatchpostOptions, IEnumerable<string>> readers, CancellationToken cancellationToken)
    {
        var edit = SiteEdit.Open(parse, config);
        SiteSections.RequireKnown(what, id, [.. ids(edit.Current)], edit.File);
        var rules = readers(edit.Current).ToList();
        if (rules.Count > 0)
        {
            throw new CliInputException($"{what} '{id}': rules {string.Join(", ", rules)} read it; remove them first (`watchpost rule remove ID`); nothing changed");
        }

        var site = await edit.ApplyAsync(root => SiteSections.RemoveIds(root, section, [id]), cancellationToken);
        parse.InvocationConfiguration.Output.WriteLine($"Removed {what} '{id}' from {edit.File}");
        parse.InvocationConfiguration.Output.WriteLine(SiteEdit.ReloadHint(site));
        return ExitCodes.Ok;
    }
}
