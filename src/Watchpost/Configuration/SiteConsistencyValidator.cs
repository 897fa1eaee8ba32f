using Microsoft.Extensions.Options;

namespace Watchpost.Configuration;

/// <summary>
/// Checks that span sections: unique ids, and zones, lines and rules that point at things that exist.
/// Camera URLs are checked when each camera starts, so that one bad URL leaves the other cameras running.
/// </summary>
public sealed class SiteConsistencyValidator : IValidateOptions<WatchpostOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchpostOptions options)
    {
        var errors = new List<string>();
        var cameras = Unique(options.Cameras.Select(c => c.Id), "cameras", errors);
        var zones = Unique(options.Zones.Select(z => z.Id), "zones", errors);
        Unique(options.Lines.Select(l => l.Id), "lines", errors);
        Unique(options.Rules.Select(r => r.Id), "rules", errors);

        for (var i = 0; i < options.Zones.Count; i++)
        {
            var zone = options.Zones[i];
            if (!cameras.Contains(zone.Camera))
            {
                errors.Add($"zones[{i}] ('{zone.Id}').camera: no camera has the id '{zone.Camera}'");
            }

            for (var p = 0; p < zone.Polygon.Count; p++)
            {
                if (zone.Polygon[p].Length != 2)
                {
                    errors.Add($"zones[{i}] ('{zone.Id}').polygon[{p}]: a point is [x, y], got {zone.Polygon[p].Length} numbers");
                }
            }
        }

        for (var i = 0; i < options.Lines.Count; i++)
        {
            if (!cameras.Contains(options.Lines[i].Camera))
            {
                errors.Add($"lines[{i}] ('{options.Lines[i].Id}').camera: no camera has the id '{options.Lines[i].Camera}'");
            }
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            if (!zones.Contains(options.Rules[i].Zone))
            {
                errors.Add($"rules[{i}] ('{options.Rules[i].Id}').zone: no zone has the id '{options.Rules[i].Zone}'");
            }
        }

        if (!string.IsNullOrEmpty(options.Mqtt.Broker)
            && (!Uri.TryCreate(options.Mqtt.Broker, UriKind.Absolute, out var broker) || broker.Scheme is not ("mqtt" or "tcp") || broker.Host.Length == 0))
        {
            errors.Add($"mqtt.broker: '{options.Mqtt.Broker}' is not a broker address; expected mqtt://HOST[:PORT] (or leave it empty for the embedded broker)");
        }

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
