using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// Puts the file and line in front of each problem the site file's loader reports. The loader names the field:
/// "rules[1] ('x').zone: ...", "site.timeZone: ...", a data annotation's member ("Transport: ..."), or an
/// unknown key ("... not found on the instance of ...CameraOptions: 'bogus'"); the line is found in the map of
/// the file that gave that section (the provisioning file, or the site file for a section it does not name).
/// </summary>
internal static partial class LoaderErrors
{
    /// <param name="mapOf">The map of the file that holds a section (by the section's name).</param>
    /// <param name="site">The site file's JSON that the loader refused (to tell which of two fields of one name is at fault).</param>
    public static IEnumerable<string> Locate(string problem, Func<string, SourceMap> mapOf, JsonObject site)
    {
        foreach (var line in problem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            yield return Locate1(line, mapOf, site);
        }
    }

    private static string Locate1(string problem, Func<string, SourceMap> mapOf, JsonObject site)
    {
        if (FieldPath().Match(problem) is { Success: true } field
            && ProvisioningFile.SiteSections.Contains(Section(field.Groups["path"].Value), StringComparer.OrdinalIgnoreCase))
        {
            var path = EntryNames().Replace(field.Groups["path"].Value, "");
            return $"{mapOf(Section(path)).Locate(path)}: {problem}";
        }

        if (ConfigurationKey().Match(problem) is { Success: true } key)
        {
            // The binder's own key ("Cameras:0:Enabled"): the path of the field, as the other messages write it.
            var path = string.Join("", key.Groups["key"].Value.Split(':').Select((part, i) =>
                part.All(char.IsAsciiDigit) ? $"[{part}]" : (i == 0 ? "" : ".") + char.ToLowerInvariant(part[0]) + part[1..]));
            return $"{mapOf(Section(path)).Locate(path)}: {path}: {problem}";
        }

        if (UnknownKeys().Match(problem) is { Success: true } unknown)
        {
            var type = unknown.Groups["type"].Value;
            var keys = Quoted().Matches(unknown.Groups["keys"].Value).Select(m => m.Groups[1].Value).ToList();
            var found = keys.SelectMany(k => Candidates(k, mapOf)).ToList();
            var what = $"{string.Join(", ", keys.Select(k => $"'{k}'"))}: not a key of the site file here ({type[(type.LastIndexOf('.') + 1)..].Replace("Options", "", StringComparison.Ordinal)} has no such field)";
            return found.Count == 0 ? $"{mapOf("").File}: {what}" : $"{Where(found)}: {found[0].Path}: {what}";
        }

        if (Member().Match(problem) is { Success: true } member)
        {
            var found = Candidates(member.Groups["member"].Value, mapOf).ToList();
            var failing = found.Where(f => AnnotatedField.MayFail(f.Path, AnnotatedField.ValueAt(site, f.Path))).ToList();
            found = failing.Count > 0 ? failing : found;
            var text = member.Groups["text"].Value;
            return found.Count == 0 ? $"{mapOf("").File}: {text}" : $"{Where(found)}: {found[0].Path}: {text}";
        }

        return $"{mapOf("").File}: {problem}";
    }

    /// <summary>The written fields with this key, in the provisioning file and the site file.</summary>
    private static IEnumerable<(SourceMap Map, string Path)> Candidates(string key, Func<string, SourceMap> mapOf) =>
        ProvisioningFile.SiteSections.Select(mapOf).Distinct()
            .SelectMany(map => map.PathsEndingWith(key).Where(p => ReferenceEquals(mapOf(Section(p)), map)).Select(p => (map, p)));

    /// <summary>"FILE:LINE", or "FILE:LINE (or LINE2, ...)" when several fields have the name the loader gave.</summary>
    private static string Where(List<(SourceMap Map, string Path)> found)
    {
        var first = found[0].Map.Locate(found[0].Path);
        var others = found.Skip(1).Select(f => f.Map.LineOf(f.Path)).OfType<int>().Distinct().ToList();
        return others.Count == 0 ? first : $"{first} (or line {string.Join(", ", others)})";
    }

    private static string Section(string path)
    {
        var end = path.IndexOfAny(['.', '[', ' ']);
        return end < 0 ? path : path[..end];
    }

    // A leading field path: rules[1] ('x').zone, gpio.inputs[0] ('d').pin, site.timeZone, cameras.
    [GeneratedRegex(@"^(?<path>[A-Za-z]+(?:\[\d+\])?(?: \('[^']*'\))?(?:\.[A-Za-z0-9_]+(?:\[\d+\])?(?: \('[^']*'\))?)*)(?::|$)")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@" \('[^']*'\)")]
    private static partial Regex EntryNames();

    [GeneratedRegex(@"not found on the instance of (?<type>[\w.]+): (?<keys>.*)$")]
    private static partial Regex UnknownKeys();

    [GeneratedRegex(@" at '(?<key>[A-Za-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)*)' to type ")]
    private static partial Regex ConfigurationKey();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    // A data annotation's member and message: "Transport: transport must be 'tcp' or 'udp'".
    [GeneratedRegex(@"^(?<member>[A-Z][A-Za-z0-9]*): (?<text>.*)$")]
    private static partial Regex Member();
}
