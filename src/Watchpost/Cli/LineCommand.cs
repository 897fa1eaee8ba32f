using System.CommandLine;
using System.Text.Json.Nodes;
using Watchpost.Cli.Site;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost line add|list|remove</c>: the site file's lines (two ends in a camera's own pixels) that
/// line-crossing rules watch. Lines drawn in the console's editor are in the same file.
/// </summary>
public static class LineCommand
{
    public static Command Create()
    {
        var command = new Command("line", "The site file's lines: tripwires on a camera's picture that line_crossing rules watch");
        command.Add(Add());
        command.Add(List());
        command.Add(Remove());
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "The line's id (letters, digits, '-', '_'): rules name it" };
        var camera = new Option<string>("--camera") { Description = "The camera the line is on", Required = true };
        var from = new Option<string>("--from") { Description = "One end, x,y in the camera's pixels", Required = true };
        var to = new Option<string>("--to") { Description = "The other end, x,y in the camera's pixels (side a is on the right looking from --from to --to)", Required = true };
        var config = CommonOptions.Config();
        var command = new Command("add", "Add a line: two ends on a camera, in pixels of the camera's own resolution") { id, camera, from, to, config };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var lineId = parse.GetRequiredValue(id);
            var cameraId = parse.GetRequiredValue(camera);
            var a = PointsArgument.Point(parse.GetRequiredValue(from), "--from");
            var b = PointsArgument.Point(parse.GetRequiredValue(to), "--to");
            SiteSections.RequireNew("line", lineId, edit.Current.Lines.Select(l => l.Id), edit.File);
            SiteSections.RequireKnown("camera", cameraId, [.. edit.Current.Cameras.Select(c => c.Id)], edit.File);
            var site = await edit.ApplyAsync(
                root => SiteSections.Section(root, "lines").Add(new JsonObject
                {
                    ["id"] = lineId,
                    ["camera"] = cameraId,
                    ["from"] = SiteSections.Point(a),
                    ["to"] = SiteSections.Point(b),
                }),
                ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Added line '{lineId}' on camera '{cameraId}' ({SiteView.Points([a])} -> {SiteView.Points([b])}) to {edit.File}");
            output.WriteLine($"Next: `watchpost rule add ID --type line_crossing --line {lineId} --set direction=a_to_b` (or b_to_a, both).");
            output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var camera = new Option<string?>("--camera") { Description = "Only this camera's lines" };
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the lines (also those drawn in the console's editor) and the rules that read each") { camera, config, json };
        command.SetAction(parse =>
        {
            var file = Path.GetFullPath(parse.GetRequiredValue(config));
            var site = WatchpostOptionsLoader.Load(file);
            var only = parse.GetValue(camera);
            if (only is not null)
            {
                SiteSections.RequireKnown("camera", only, [.. site.Cameras.Select(c => c.Id)], file);
            }

            var lines = site.Lines.Where(l => only is null || l.Camera == only).Select(l => SiteViews.Line(site, l)).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(output, lines);
                return ExitCodes.Ok;
            }

            if (lines.Count == 0)
            {
                output.WriteLine($"No lines{(only is null ? "" : $" on camera '{only}'")}: draw them in the console's editor or `watchpost line add ID --camera CAMERA --from x,y --to x,y`.");
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "CAMERA", "FROM", "TO", "RULES");
            foreach (var line in lines)
            {
                table.Add(line.Id, line.Camera, SiteView.Points([line.From]), SiteView.Points([line.To]), line.Rules.Count == 0 ? "-" : string.Join(", ", line.Rules));
            }

            table.Write(output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The line's id" };
        var config = CommonOptions.Config();
        var command = new Command("remove", "Remove a line (refused while rules read it)") { id, config };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var lineId = parse.GetRequiredValue(id);
            SiteSections.RequireKnown("line", lineId, [.. edit.Current.Lines.Select(l => l.Id)], edit.File);
            var rules = SiteViews.RulesReadingLine(edit.Current, lineId).Select(r => r.Id).ToList();
            if (rules.Count > 0)
            {
                throw new CliInputException($"line '{lineId}': rules {string.Join(", ", rules)} read it; remove them first (`watchpost rule remove ID`); nothing changed");
            }

            var site = await edit.ApplyAsync(root => SiteSections.RemoveIds(root, "lines", [lineId]), ct);
            parse.InvocationConfiguration.Output.WriteLine($"Removed line '{lineId}' from {edit.File}");
            parse.InvocationConfiguration.Output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }
}
