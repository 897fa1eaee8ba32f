using Watchpost.Configuration;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.Objects;

/// <summary>What the left-object and object-removed rules share: the person class they look for and its check at load.</summary>
internal static class ObjectRules
{
    public const string Person = "person";

    /// <summary>The label index of "person", or -1 when the detector has none.</summary>
    public static int PersonClass(IReadOnlyList<string> labels)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], Person, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool IsPerson(in Track track, int personClass) => track.ClassId == personClass && track.IsConfirmed;

    /// <summary>The rule watches objects and reads people (owners, occluders): both must be reported by the detector.</summary>
    public static void ValidateClasses(RuleOptions rule, WatchpostOptions site, RuleErrors errors, string why)
    {
        if (rule.Classes.Contains(Person, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("classes", $"'person' cannot be a {rule.Type} object; list the object classes (e.g. backpack, handbag, suitcase)");
        }

        if (site.Detector.Classes.Count > 0 && !site.Detector.Classes.Contains(Person, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("classes", $"a {rule.Type} rule needs the detector to report 'person' ({why}): add it to detector.classes");
        }
    }
}
