using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Watchpost.Behaviours;
using Watchpost.Cli.Site;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost rule add ID --type TYPE (--zone Z | --line L | --camera C) ...</c>: a rule of the catalogue
/// (<see cref="RuleCatalog"/>) with the common parameters as options and its type's own as <c>--set key=value</c>.
/// An unknown type or parameter is refused with the loader's message, which lists what the type takes.
/// </summary>
internal static class RuleAddCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The rule's id (letters, digits, '-', '_'): events, alerts and MQTT topics name it" };
        var type = new Option<string>("--type") { Description = $"The behaviour: {RuleCatalog.Names}", Required = true };
        var zone = new Option<string?>("--zone") { Description = "The zone the rule watches (zone rules)" };
        var line = new Option<string?>("--line") { Description = "The line the rule watches (line_crossing)" };
        var camera = new Option<string?>("--camera") { Description = "The camera, for a rule without a zone or line (fall, running, fight, ...)" };
        var classes = new Option<string?>("--classes") { Description = "COCO classes the rule watches, e.g. person,car (default: the type's)" };
        var severity = new Option<string?>("--severity") { Description = "low, medium, high or critical (default high)" };
        var cooldown = new Option<double?>("--cooldown") { Description = "Seconds before the same object raises the rule again (default 60)" };
        var schedule = new Option<string[]>("--schedule") { Description = "A weekly window when the rule is armed, \"mon-fri 22:00-06:00\" in the site's time zone; repeat for more (default: always)" };
        var set = new Option<string[]>("--set") { Description = "A parameter of the type, key=value (e.g. durationSeconds=5, direction=a_to_b, count=4); repeat for more" };
        var disabled = new Option<bool>("--disabled") { Description = "Add it switched off (rule enable ID switches it on)" };
        var config = CommonOptions.Config();
        var command = new Command("add", "Add a behaviour rule to the site file")
        {
            id, type, zone, line, camera, classes, severity, cooldown, schedule, set, disabled, config,
        };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var ruleId = parse.GetRequiredValue(id);
            SiteSections.RequireNew("rule", ruleId, edit.Current.Rules.Select(r => r.Id), edit.File);
            var entry = new JsonObject { ["id"] = ruleId, ["type"] = parse.GetRequiredValue(type) };
            foreach (var (key, value) in new[] { ("zone", parse.GetValue(zone)), ("line", parse.GetValue(line)), ("camera", parse.GetValue(camera)), ("severity", parse.GetValue(severity)) })
            {
                if (value is not null)
                {
                    entry[key] = value;
                }
            }

            if (parse.GetValue(classes) is { } names)
            {
                entry["classes"] = RuleArguments.Classes(names);
            }

            if (parse.GetValue(cooldown) is { } seconds)
            {
                entry["cooldownSeconds"] = seconds;
            }

            if (parse.GetValue(schedule) is { Length: > 0 } windows)
            {
                entry["schedule"] = new JsonArray([.. windows.Select(RuleArguments.Window)]);
            }

            if (parse.GetValue(disabled))
            {
                entry["enabled"] = false;
            }

            foreach (var setting in parse.GetValue(set) ?? [])
            {
                var (key, value) = RuleArguments.Setting(setting);
                SiteSections.Set(entry, key, value);
            }

            var site = await edit.ApplyAsync(root => SiteSections.Section(root, "rules").Add(entry), ct);
            var rule = site.Rules.First(r => r.Id == ruleId);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Added rule '{ruleId}' ({rule.Type} on camera '{RuleCameras.Resolve(rule, site)}', reads {SiteView.Reads(rule)}, {rule.Severity}, armed {SiteView.Schedule(rule)}{(rule.Enabled ? "" : ", disabled")}) to {edit.File}"));
            output.WriteLine($"All its parameters: watchpost rule show {ruleId}{SiteEdit.ConfigArgument(edit.File)}");
            output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }
}
