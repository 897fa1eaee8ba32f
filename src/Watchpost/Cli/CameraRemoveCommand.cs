using System.CommandLine;
using Watchpost.Cli.Site;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost camera remove ID [--cascade]</c>: refuses, naming them, while zones, lines, masks or rules are on
/// the camera; <c>--cascade</c> removes those too (and the relay triggers of the removed rules) and says which.
/// </summary>
internal static class CameraRemoveCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The camera's id" };
        var cascade = new Option<bool>("--cascade") { Description = "Also remove the camera's zones, lines, privacy masks and rules (and relay triggers of those rules)" };
        var config = CommonOptions.Config();
        var command = new Command("remove", "Remove a camera from the site file (refused while zones, lines, masks or rules are on it, unless --cascade)") { id, cascade, config };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var site = edit.Current;
            var cameraId = parse.GetRequiredValue(id);
            SiteSections.RequireKnown("camera", cameraId, [.. site.Cameras.Select(c => c.Id)], edit.File);
            var zones = site.Zones.Where(z => z.Camera == cameraId).Select(z => z.Id).ToList();
            var lines = site.Lines.Where(l => l.Camera == cameraId).Select(l => l.Id).ToList();
            var masks = site.Masks.Where(m => m.Camera == cameraId).Select(m => m.Id).ToList();
            var rules = SiteViews.RulesOn(site, cameraId).Select(r => r.Id).ToList();
            var relays = SiteViews.RelaysPulsedBy(site, rules).ToList();
            var dependants = new[] { ("zones", zones), ("lines", lines), ("masks", masks), ("rules", rules) }
                .Where(d => d.Item2.Count > 0).Select(d => $"{d.Item1} {string.Join(", ", d.Item2)}").ToList();
            if (dependants.Count > 0 && !parse.GetValue(cascade))
            {
                throw new CliInputException(
                    $"camera '{cameraId}': still used by {string.Join("; ", dependants)}. Remove those first, or run `watchpost camera remove {cameraId} --cascade` to remove them with it; nothing changed");
            }

            var result = await edit.ApplyAsync(
                root =>
                {
                    SiteSections.RemoveIds(root, "cameras", [cameraId]);
                    SiteSections.RemoveIds(root, "zones", zones);
                    SiteSections.RemoveIds(root, "lines", lines);
                    SiteSections.RemoveIds(root, "masks", masks);
                    SiteSections.RemoveIds(root, "rules", rules);
                    SiteSections.RemoveRuleTriggers(root, rules);
                },
                ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Removed camera '{cameraId}' from {edit.File}");
            if (dependants.Count > 0)
            {
                output.WriteLine($"Removed with it: {string.Join("; ", dependants)}{(relays.Count > 0 ? $"; the triggers of those rules on {string.Join(", ", relays)}" : "")}");
            }

            output.WriteLine(SiteEdit.ReloadHint(result));
            return ExitCodes.Ok;
        });
        return command;
    }
}
