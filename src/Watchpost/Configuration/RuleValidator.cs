using System.ComponentModel.DataAnnotations;
using Watchpost.Behaviours;
using Watchpost.Models;

namespace Watchpost.Configuration;

/// <summary>
/// Checks each rule as a whole: its type's parameters (data annotations of the options class and its own
/// <see cref="RuleOptions.Validate"/>), its schedule, classes, size range, and the camera, zones and lines it names.
/// </summary>
internal static class RuleValidator
{
    public static void Validate(WatchpostOptions site, List<string> into)
    {
        for (var i = 0; i < site.Rules.Count; i++)
        {
            var rule = site.Rules[i];
            var errors = new RuleErrors(i, rule.Id, into);
            Annotations(rule, errors, "");
            for (var w = 0; w < rule.Schedule.Count; w++)
            {
                Annotations(rule.Schedule[w], errors, $"schedule[{w}].");
                Window(rule.Schedule[w], $"schedule[{w}]", errors);
            }

            foreach (var name in rule.Classes)
            {
                if (!CocoLabels.All.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add("classes", $"'{name}' is not a COCO class name (e.g. person, car, backpack)");
                }
                else if (site.Detector.Classes.Count > 0 && !site.Detector.Classes.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add("classes", $"the detector does not report '{name}': add it to detector.classes");
                }
            }

            if (rule.MinSize is { } min && rule.MaxSize is { } max && min > max)
            {
                errors.Add("minSize", $"{min} is larger than maxSize {max}: no object could match");
            }

            References(rule, site, errors);
            rule.Validate(site, errors);
        }
    }

    private static void References(RuleOptions rule, WatchpostOptions site, RuleErrors errors)
    {
        foreach (var (field, id) in rule.ZoneReferences)
        {
            var zone = site.Zones.FirstOrDefault(z => z.Id == id);
            if (zone is null)
            {
                errors.Add(field, $"no zone has the id '{id}' (zones: {Ids(site.Zones.Select(z => z.Id))})");
            }
            else if (!string.IsNullOrEmpty(rule.Camera) && zone.Camera != rule.Camera)
            {
                errors.Add(field, $"zone '{id}' is on camera '{zone.Camera}', not on the rule's camera '{rule.Camera}'");
            }
        }

        foreach (var (field, id) in rule.LineReferences)
        {
            var line = site.Lines.FirstOrDefault(l => l.Id == id);
            if (line is null)
            {
                errors.Add(field, $"no line has the id '{id}' (lines: {Ids(site.Lines.Select(l => l.Id))})");
            }
            else if (!string.IsNullOrEmpty(rule.Camera) && line.Camera != rule.Camera)
            {
                errors.Add(field, $"line '{id}' is on camera '{line.Camera}', not on the rule's camera '{rule.Camera}'");
            }
        }

        var camera = RuleCameras.Resolve(rule, site);
        if (camera is null)
        {
            if (!rule.ZoneReferences.Any() && !rule.LineReferences.Any())
            {
                errors.Add("camera", "required: a rule without a zone or line must name its camera");
            }
        }
        else if (!site.Cameras.Any(c => c.Id == camera))
        {
            errors.Add("camera", $"no camera has the id '{camera}' (cameras: {Ids(site.Cameras.Select(c => c.Id))})");
        }
    }

    private static void Window(ScheduleWindowOptions window, string field, RuleErrors errors)
    {
        if (WeeklySchedule.ParseDays(window.Days) is null)
        {
            errors.Add(field + ".days", $"'{window.Days}' is not a list of days; write e.g. \"mon-fri\", \"sat,sun\" or \"daily\"");
        }

        if (window.From == window.To)
        {
            errors.Add(field, $"from and to are both {window.From}: the window is empty (for a whole day write \"00:00\" to \"24:00\")");
        }
    }

    private static void Annotations(object target, RuleErrors errors, string prefix)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true))
        {
            return;
        }

        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "";
            errors.Add(prefix + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member), result.ErrorMessage ?? "invalid");
        }
    }

    private static string Ids(IEnumerable<string> ids) => ids.Any() ? string.Join(", ", ids) : "none";
}
