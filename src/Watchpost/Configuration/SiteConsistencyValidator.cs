using Microsoft.Extensions.Options;
using Watchpost.Behaviours;

namespace Watchpost.Configuration;

/// <summary>
/// Checks that span sections: unique ids, geometry, the time zone, and zones, lines and rules that point at things that exist.
/// Camera URLs are checked when each camera starts, so that one bad URL leaves the other cameras running.
/// </summary>
public sealed class SiteConsistencyValidator : IValidateOptions<WatchpostOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchpostOptions options)
    {
        var errors = new List<string>();
        var cameras = Unique(options.Cameras.Select(c => c.Id), "cameras", errors);
        Unique(options.Zones.Select(z => z.Id), "zones", errors);
        Unique(options.Lines.Select(l => l.Id), "lines", errors);
        Unique(options.Masks.Select(m => m.Id), "masks", errors);
        Unique(options.Rules.Select(r => r.Id), "rules", errors);

        for (var i = 0; i < options.Zones.Count; i++)
        {
            var zone = options.Zones[i];
            if (!cameras.Contains(zone.Camera))
            {
                errors.Add($"zones[{i}] ('{zone.Id}').camera: no camera has the id '{zone.Camera}'");
            }

            if (zone.Polygon.Any(p => p.Length != 2))
            {
                errors.Add($"zones[{i}] ('{zone.Id}').polygon: every point is [x, y]");
            }
            else if (zone.Polygon.Count >= 3 && GeometryCheck.Polygon(zone.Polygon) is { } problem)
            {
                errors.Add($"zones[{i}] ('{zone.Id}').polygon: {problem}");
            }
        }

        for (var i = 0; i < options.Lines.Count; i++)
        {
            var line = options.Lines[i];
            if (!cameras.Contains(line.Camera))
            {
                errors.Add($"lines[{i}] ('{line.Id}').camera: no camera has the id '{line.Camera}'");
            }

            if (line.From.Length == 2 && line.To.Length == 2 && line.From[0] == line.To[0] && line.From[1] == line.To[1])
            {
                errors.Add($"lines[{i}] ('{line.Id}'): from and to are the same point [{line.From[0]}, {line.From[1]}]; a line needs two different ends");
            }
        }

        for (var i = 0; i < options.Masks.Count; i++)
        {
            var mask = options.Masks[i];
            if (!cameras.Contains(mask.Camera))
            {
                errors.Add($"masks[{i}] ('{mask.Id}').camera: no camera has the id '{mask.Camera}'");
            }

            if (mask.Polygon.Any(p => p.Length != 2))
            {
                errors.Add($"masks[{i}] ('{mask.Id}').polygon: every point is [x, y]");
            }
            else if (mask.Polygon.Count >= 3 && GeometryCheck.Polygon(mask.Polygon) is { } problem)
            {
                errors.Add($"masks[{i}] ('{mask.Id}').polygon: {problem}");
            }
        }

        if (SiteTimeZone.TryFind(options.Site.TimeZone) is null)
        {
            errors.Add($"site.timeZone: '{options.Site.TimeZone}' is not an IANA time zone name (e.g. Asia/Shanghai, Europe/London, UTC)");
        }

        RuleValidator.Validate(options, errors);
        GpioValidator.Validate(options, errors);
        MotionValidator.Validate(options, errors);

        errors.AddRange(Mqtt.MqttBrokerEndpoint.Check(options.Mqtt));   // the one parser of mqtt.broker and mqtt.caFile

        foreach (var key in options.Detector.ClassThresholds.Keys.Where(k => options.Detector.ClassThresholds[k] is <= 0 or > 1))
        {
            errors.Add($"detector.classThresholds.{key}: {options.Detector.ClassThresholds[key]} is outside (0, 1]");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static HashSet<string> Unique(IEnumerable<string> ids, string section, List<string> errors)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!set.Add(id))
            {
                errors.Add($"{section}: the id '{id}' is used more than once");
            }
        }

        return set;
    }
}
