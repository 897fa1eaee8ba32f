using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>Which camera a rule runs on.</summary>
public static class RuleCameras
{
    /// <summary>The rule's own "camera", else the camera of the first zone or line it reads; null when neither says.</summary>
    public static string? Resolve(RuleOptions rule, WatchpostOptions site)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(site);
        if (!string.IsNullOrEmpty(rule.Camera))
        {
            return rule.Camera;
        }

        foreach (var (_, id) in rule.ZoneReferences)
        {
            if (site.Zones.FirstOrDefault(z => z.Id == id) is { } zone)
            {
                return zone.Camera;
            }
        }

        foreach (var (_, id) in rule.LineReferences)
        {
            if (site.Lines.FirstOrDefault(l => l.Id == id) is { } line)
            {
                return line.Camera;
            }
        }

        return null;
    }
}
