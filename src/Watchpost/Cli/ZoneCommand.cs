using System.CommandLine;
using System.Text.Json.Nodes;
using Watchpost.Cli.Site;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost zone add|list|remove</c>: the site file's zones (polygons in a camera's own pixels). Zones drawn in
/// the console's editor are in the same file, so they are listed and removed here too.
/// </summary>
public static class ZoneCommand
{
    public static Command Create()
    {
        var command = new Command("zone", "The site file's zones: areas of a camera's picture that rules watch");
        command.Add(Add());
        command.Add(List());
        command.Add(Remove());
        return command;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "The zone's id (letters, digits, '-', '_'): rules name it" };
        var camera = new Option<string>("--camera") { Description = "The camera the zone is on", Required = true };
        var points = new Option<string>("--points") { Description = "At least 3 corners in the camera's pixels: \"x,y x,y x,y ...\" or JSON [[x,y],...]", Required = true };
        var config = CommonOptions.Config();
        var command = new Command("add", "Add a zone: a polygon on a camera, in pixels of the camera's own resolution") { id, camera, points, config };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var zoneId = parse.GetRequiredValue(id);
            var cameraId = parse.GetRequiredValue(camera);
            var polygon = PointsArgument.Parse(parse.GetRequiredValue(points), "--points");
            SiteSections.RequireNew("zone", zoneId, edit.Current.Zones.Select(z => z.Id), edit.File);
            SiteSections.RequireKnown("camera", cameraId, [.. edit.Current.Cameras.Select(c => c.Id)], edit.File);
            var site = await edit.ApplyAsync(
                root => SiteSections.Section(root, "zones").Add(new JsonObject
                {
                    ["id"] = zoneId,
                    ["camera"] = cameraId,
                    ["polygon"] = new JsonArray([.. polygon.Select(SiteSections.Point)]),
                }),
                ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Added zone '{zoneId}' on camera '{cameraId}' ({polygon.Count} points: {SiteView.Points(polygon)}) to {edit.File}");
            output.WriteLine($"Points are pixels of the camera's own picture; a point outside it is refused when the service applies the file. Next: `watchpost rule add ID --type intrusion --zone {zoneId}`.");
            output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var camera = SiteListing.CameraFilter("zones");
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the zones (also those drawn in the console's editor) and the rules that read each") { camera, config, json };
        command.SetAction(parse =>
        {
            var (site, only) = SiteListing.Load(parse, config, camera);
            var zones = site.Zones.Where(z => only is null || z.Camera == only).Select(z => SiteViews.Zone(site, z)).ToList();
            return SiteListing.Write(parse, json, zones,
                $"No zones{SiteListing.OnCamera(only)}: draw them in the console's editor or `watchpost zone add ID --camera CAMERA --points \"x,y x,y x,y\"`.",
                list =>
                {
                    var table = new TextTable("ID", "CAMERA", "POINTS (pixels)", "RULES");
                    foreach (var zone in list)
                    {
                        table.Add(zone.Id, zone.Camera, SiteView.Points(zone.Polygon), zone.Rules.Count == 0 ? "-" : string.Join(", ", zone.Rules));
                    }

                    return table;
                });
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The zone's id" };
        var config = CommonOptions.Config();
        var command = new Command("remove", "Remove a zone (refused while rules read it)") { id, config };
        command.SetAction((parse, ct) =>
        {
            var zoneId = parse.GetRequiredValue(id);
            return SiteListing.RemoveUnreadAsync(parse, config, "zone", "zones", zoneId,
                site => site.Zones.Select(z => z.Id), site => SiteViews.RulesReadingZone(site, zoneId).Select(r => r.Id), ct);
        });
        return command;
    }
}
