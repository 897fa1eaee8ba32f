using System.CommandLine;
using System.Globalization;
using Watchpost.Cli.Site;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary><c>watchpost camera show ID</c>: one camera and everything on it (zones, lines, privacy masks, rules).</summary>
internal static class CameraShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The camera's id" };
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a camera (URL password masked) with its zones, lines, privacy masks and rules") { id, config, json };
        command.SetAction(parse =>
        {
            var file = Path.GetFullPath(parse.GetRequiredValue(config));
            var site = WatchpostOptionsLoader.Load(file);
            var cameraId = parse.GetRequiredValue(id);
            SiteSections.RequireKnown("camera", cameraId, [.. site.Cameras.Select(c => c.Id)], file);
            var camera = site.Cameras.First(c => c.Id == cameraId);
            var detail = new CameraDetail(
                SiteViews.Camera(site, camera),
                [.. site.Zones.Where(z => z.Camera == cameraId).Select(z => SiteViews.Zone(site, z))],
                [.. site.Lines.Where(l => l.Camera == cameraId).Select(l => SiteViews.Line(site, l))],
                [.. site.Masks.Where(m => m.Camera == cameraId).Select(SiteViews.Mask)],
                [.. SiteViews.RulesOn(site, cameraId).Select(r => SiteViews.Rule(site, r))]);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(output, detail);
                return ExitCodes.Ok;
            }

            var c = detail.Camera;
            output.WriteLine($"Camera     {c.Id}{(c.Name is null ? "" : $" ({c.Name})")}");
            output.WriteLine($"URL        {c.Url}");
            output.WriteLine($"Transport  {c.Transport}");
            output.WriteLine($"Detect fps {(c.DetectFps == 0 ? "every frame" : c.DetectFps.ToString(CultureInfo.InvariantCulture))}");
            output.WriteLine($"Enabled    {(c.Enabled ? "yes" : "no")}");
            Section(output, "Zones", detail.Zones.Select(z => (z.Id, SiteView.Points(z.Polygon), string.Join(", ", z.Rules))));
            Section(output, "Lines", detail.Lines.Select(l => (l.Id, $"{SiteView.Points([l.From])} -> {SiteView.Points([l.To])}", string.Join(", ", l.Rules))));
            Section(output, "Privacy masks", detail.Masks.Select(m => (m.Id, SiteView.Points(m.Polygon), "")));
            output.WriteLine("");
            if (detail.Rules.Count == 0)
            {
                output.WriteLine("Rules: none");
                return ExitCodes.Ok;
            }

            output.WriteLine("Rules:");
            var rules = new TextTable("ID", "TYPE", "READS", "ENABLED", "SEVERITY", "SCHEDULE");
            foreach (var rule in SiteViews.RulesOn(site, cameraId))
            {
                rules.Add(rule.Id, rule.Type, SiteView.Reads(rule), rule.Enabled ? "yes" : "no", rule.Severity, SiteView.Schedule(rule));
            }

            rules.Write(output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Section(TextWriter output, string title, IEnumerable<(string Id, string Geometry, string Rules)> entries)
    {
        var list = entries.ToList();
        output.WriteLine("");
        if (list.Count == 0)
        {
            output.WriteLine($"{title}: none");
            return;
        }

        output.WriteLine($"{title}:");
        var table = new TextTable("ID", "POINTS (pixels)", "RULES");
        foreach (var (entryId, geometry, rules) in list)
        {
            table.Add(entryId, geometry, rules.Length == 0 ? "-" : rules);
        }

        table.Write(output);
    }
}
