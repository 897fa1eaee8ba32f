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
        var camera = SiteListing.CameraFilter("lines");
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the lines (also those drawn in the console's editor) and the rules that read each") { camera, config, json };
        command.SetAction(parse =>
        {
            var (site, only) = SiteListing.Load(parse, config, camera);
            var lines = site.Lines.Where(l => only is null || l.Camera == only).Select(l => SiteViews.Line(site, l)).ToList();
            return SiteListing.Write(parse, json, lines,
                $"No lines{SiteListing.OnCamera(only)}: draw them in the console's editor or `watchpost line add ID --camera CAMERA --from x,y --to x,y`.",
                list =>
                {
                    var table = new TextTable("ID", "CAMERA", "FROM", "TO", "RULES");
                    foreach (var line in list)
                    {
                        table.Add(line.Id, line.Camera, SiteView.Points([line.From]), SiteView.Points([line.To]), line.Rules.Count == 0 ? "-" : string.Join(", ", line.Rules));
                    }

                    return table;
                });
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The line's id" };
        var config = CommonOptions.Config();
        var command = new Command("remove", "Remove a line (refused while rules read it)") { id, config };
        command.SetAction((parse, ct) =>
        {
            var lineId = parse.GetRequiredValue(id);
            return SiteListing.RemoveUnreadAsync(parse, config, "line", "lines", lineId,
                site => site.Lines.Select(l => l.Id), site => SiteViews.RulesReadingLine(site, lineId).Select(r => r.Id), ct);
        });
        return command;
    }
}
