using System.CommandLine;
using System.Text.Json;
using Watchpost.Cli.Site;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost config validate|show</c>: the site file checked by the same loader as `watchpost run`, and shown as
/// that loader reads it (defaults filled in, WATCHPOST__ environment overrides applied) with every secret masked.
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "The site file: validate it as the service does, or show it as the service reads it (secrets masked)");
        command.Add(Validate());
        command.Add(Show());
        return command;
    }

    private static Command Validate()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check the site file exactly as `watchpost run` does at start (exit 0 valid, 2 invalid with file and key)") { config, json };
        command.SetAction(parse =>
        {
            var file = Path.GetFullPath(parse.GetRequiredValue(config));
            var site = WatchpostOptionsLoader.Load(file);   // invalid: the loader's message naming file and key, exit code 2
            var summary = new ValidationSummary(file, true, site.Cameras.Count, site.Zones.Count, site.Lines.Count, site.Masks.Count, site.Rules.Count);
            if (parse.GetValue(json))
            {
                CliJson.Write(parse.InvocationConfiguration.Output, summary);
            }
            else
            {
                parse.InvocationConfiguration.Output.WriteLine(
                    $"{file} is valid: {Count(summary.Cameras, "camera")}, {Count(summary.Zones, "zone")}, {Count(summary.Lines, "line")}, {Count(summary.Masks, "mask")}, {Count(summary.Rules, "rule")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("show", "Print the site as the service reads it: defaults filled in, environment overrides applied, secrets as ***") { config, json };
        command.SetAction(parse =>
        {
            var file = Path.GetFullPath(parse.GetRequiredValue(config));
            var view = SiteView.Site(WatchpostOptionsLoader.Load(file));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(view.ToJsonString(new JsonSerializerOptions(SiteFileJson.Writing) { WriteIndented = false }));
            }
            else
            {
                // A comment the loader skips: the output can be read back (but the secrets are ***).
                output.WriteLine($"// {file} as `watchpost run` reads it: defaults filled in, WATCHPOST__ environment overrides applied, secrets shown as ***");
                output.Write(System.Text.Encoding.UTF8.GetString(SiteFileJson.Text(view)));   // points [x, y] on one line, as the file writes them
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    /// <summary>What `config validate --json` prints.</summary>
    internal sealed record ValidationSummary(string File, bool Valid, int Cameras, int Zones, int Lines, int Masks, int Rules);
}
