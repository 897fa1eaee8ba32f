using System.CommandLine;
using System.Text.Json.Nodes;
using Watchpost.Behaviours;
using Watchpost.Cli.Site;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost rule add|list|show|enable|disable|remove</c>: the site file's behaviour rules. Every change goes
/// through the loader (unknown types and parameters refused with what is expected) and is written atomically.
/// </summary>
public static class RuleCommand
{
    public static Command Create()
    {
        var command = new Command("rule", $"The site file's behaviour rules ({RuleCatalog.Names})");
        command.Add(RuleAddCommand.Create());
        command.Add(List());
        command.Add(Show());
        command.Add(Switch(enable: true));
        command.Add(Switch(enable: false));
        command.Add(Remove());
        return command;
    }

    private static Command List()
    {
        var camera = SiteListing.CameraFilter("rules");
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the rules: type, camera, zone or line, enabled, severity, schedule") { camera, config, json };
        command.SetAction(parse =>
        {
            var (site, only) = SiteListing.Load(parse, config, camera);
            var rules = site.Rules.Where(r => only is null || RuleCameras.Resolve(r, site) == only).ToList();
            return SiteListing.Write(parse, json, [.. rules.Select(r => SiteViews.Rule(site, r))],
                $"No rules{SiteListing.OnCamera(only)}: add one with `watchpost rule add ID --type intrusion --zone ZONE`.",
                _ =>
                {
                    var table = new TextTable("ID", "TYPE", "CAMERA", "READS", "ENABLED", "SEVERITY", "SCHEDULE", "CLASSES");
                    foreach (var rule in rules)
                    {
                        table.Add(rule.Id, rule.Type, RuleCameras.Resolve(rule, site), SiteView.Reads(rule), rule.Enabled ? "yes" : "no", rule.Severity, SiteView.Schedule(rule), string.Join(",", rule.Classes));
                    }

                    return table;
                });
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The rule's id" };
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show a rule with every parameter its type takes, defaults included") { id, config, json };
        command.SetAction(parse =>
        {
            var file = Path.GetFullPath(parse.GetRequiredValue(config));
            var site = WatchpostOptionsLoader.Load(file);
            var ruleId = parse.GetRequiredValue(id);
            SiteSections.RequireKnown("rule", ruleId, [.. site.Rules.Select(r => r.Id)], file);
            var rule = site.Rules.First(r => r.Id == ruleId);
            var view = SiteViews.Rule(site, rule);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                CliJson.Write(output, view);
                return ExitCodes.Ok;
            }

            output.WriteLine($"Rule {rule.Id}: {rule.Type} on camera '{view.Camera}', {(rule.Enabled ? "enabled" : "disabled")}, armed {view.Schedule}");
            var defaults = SiteView.Rule(RuleCatalog.Types[rule.Type].NewOptions(), includeNulls: true);
            var table = new TextTable("PARAMETER", "VALUE");
            foreach (var (key, value) in view.Parameters)
            {
                var standard = JsonNode.DeepEquals(value, defaults[key]) ? "   (default)" : "";
                table.Add(key, (value is null ? "(not set)" : value.ToJsonString()) + standard);
            }

            table.Write(output);
            output.WriteLine($"Change one: edit {file} or remove and add the rule again with --set key=value.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>rule enable ID</c> / <c>rule disable ID</c>: the rule's "enabled" (a disabled rule does not run at all; disarming is the MQTT and console's job).</summary>
    private static Command Switch(bool enable)
    {
        var id = new Argument<string>("id") { Description = "The rule's id" };
        var config = CommonOptions.Config();
        var command = new Command(enable ? "enable" : "disable", enable
            ? "Switch a rule on in the site file (it runs again; arming follows its schedule)"
            : "Switch a rule off in the site file (it does not run at all; to pause it for a while, disarm it from the console or MQTT)") { id, config };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var ruleId = parse.GetRequiredValue(id);
            SiteSections.RequireKnown("rule", ruleId, [.. edit.Current.Rules.Select(r => r.Id)], edit.File);
            var output = parse.InvocationConfiguration.Output;
            var state = enable ? "enabled" : "disabled";
            if (edit.Current.Rules.First(r => r.Id == ruleId).Enabled == enable)
            {
                output.WriteLine($"Rule '{ruleId}' is {state} already; nothing changed");
                return ExitCodes.Ok;
            }

            var site = await edit.ApplyAsync(root => SiteSections.Set(SiteSections.Entry(root, "rules", ruleId)!, "enabled", enable), ct);
            output.WriteLine($"Rule '{ruleId}' is {state} in {edit.File}");
            output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The rule's id" };
        var cascade = new Option<bool>("--cascade") { Description = "Also remove the relay triggers (gpio.outputs onRules) of the rule; the relays stay" };
        var config = CommonOptions.Config();
        var command = new Command("remove", "Remove a rule from the site file (refused while a relay is pulsed by it, unless --cascade)") { id, cascade, config };
        command.SetAction(async (parse, ct) =>
        {
            var edit = SiteEdit.Open(parse, config);
            var ruleId = parse.GetRequiredValue(id);
            SiteSections.RequireKnown("rule", ruleId, [.. edit.Current.Rules.Select(r => r.Id)], edit.File);
            var relays = SiteViews.RelaysPulsedBy(edit.Current, [ruleId]).ToList();
            if (relays.Count > 0 && !parse.GetValue(cascade))
            {
                throw new CliInputException($"rule '{ruleId}': {string.Join(", ", relays)} is pulsed by it; remove the trigger first, or run `watchpost rule remove {ruleId} --cascade`; nothing changed");
            }

            var site = await edit.ApplyAsync(
                root =>
                {
                    SiteSections.RemoveIds(root, "rules", [ruleId]);
                    SiteSections.RemoveRuleTriggers(root, [ruleId]);
                },
                ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Removed rule '{ruleId}' from {edit.File}{(relays.Count > 0 ? $", and its triggers on {string.Join(", ", relays)}" : "")}");
            output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }
}
