using System.Text;
using System.Text.Json.Nodes;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// A provisioning file as read: the site file's sections (same names and keys, so a working site file is a
/// provisioning file) and the console's <c>users:</c>, with where each value is in the file. YAML unless the
/// name ends in .json (or, for another name, the content starts with '{').
/// </summary>
internal sealed class ProvisioningFile
{
    /// <summary>The site file's sections, in the order the loader's <c>WatchpostOptions</c> has them.</summary>
    public static readonly IReadOnlyList<string> SiteSections =
        ["site", "detector", "cameras", "zones", "lines", "masks", "rules", "mqtt", "storage", "console", "gpio"];

    public const string UsersSection = "users";

    private static readonly string[] Lists = ["cameras", "zones", "lines", "masks", "rules"];

    private ProvisioningFile(JsonObject sections, JsonArray? users, SourceMap map)
    {
        Sections = sections;
        Users = users;
        Map = map;
    }

    /// <summary>The site file's sections the file names (only these are replaced in the site file).</summary>
    public JsonObject Sections { get; }

    /// <summary>The <c>users:</c> list; null when the file has none (the console's users are then left alone).</summary>
    public JsonArray? Users { get; }

    public SourceMap Map { get; }

    /// <exception cref="CliInputException">The file is missing, not valid YAML / JSON, or has a section the site file does not.</exception>
    public static ProvisioningFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"SITE-FILE {path}: the file does not exist");
        }

        var bytes = File.ReadAllBytes(path);
        var map = new SourceMap(path);
        var root = IsJson(path, bytes) ? JsonTreeReader.Read(bytes, map) : YamlTreeReader.Read(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), map);
        var sections = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        JsonArray? users = null;
        foreach (var (key, value) in root.ToList())
        {
            root.Remove(key);
            if (key.Equals(UsersSection, StringComparison.OrdinalIgnoreCase))
            {
                users = value as JsonArray ?? (value is null ? [] : throw new CliInputException($"{map.Locate(UsersSection)}: users: expected a list of {{name, role, password}}"));
                continue;
            }

            if (!SiteSections.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliInputException($"{map.Locate(key)}: {key}: not a section of the site file; expected {string.Join(", ", SiteSections)} or users");
            }

            // "masks:" with nothing after it: no masks (an empty section, not a null the binder would skip).
            var name = SiteSections.First(s => s.Equals(key, StringComparison.OrdinalIgnoreCase));
            sections[name] = value ?? (Lists.Contains(name) ? new JsonArray() : new JsonObject());
        }

        return new ProvisioningFile(sections, users, map);
    }

    private static bool IsJson(string path, byte[] bytes)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('{');
    }
}
