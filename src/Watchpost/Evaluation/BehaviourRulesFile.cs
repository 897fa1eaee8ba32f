using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Watchpost.Configuration;

namespace Watchpost.Evaluation;

/// <summary>
/// Reads an `eval behaviour` rules file — "zones", "lines" and "rules" in the site file's format, "camera" left
/// out because the video is the camera — into a site with one camera, through the same loader and checks as
/// `watchpost run`.
/// </summary>
public static class BehaviourRulesFile
{
    public const string CameraId = "video";

    public static WatchpostOptions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"--rules {full}: no such file", full);
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(full)) as JsonObject ?? throw new InvalidConfigurationException(full, "expected a JSON object with zones, lines and rules");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidConfigurationException(full, $"not valid JSON: {e.Message}");
        }

        foreach (var key in root.Select(p => p.Key).Where(k => k is not ("zones" or "lines" or "rules" or "site")).ToList())
        {
            throw new InvalidConfigurationException(full, $"unknown key '{key}': a rules file holds zones, lines, rules (and optionally site)");
        }

        foreach (var section in new[] { "zones", "lines", "rules" })
        {
            foreach (var item in root[section]?.AsArray() ?? [])
            {
                if (item is JsonObject entry && !entry.ContainsKey("camera"))
                {
                    entry["camera"] = CameraId;
                }
            }
        }

        root["cameras"] = new JsonArray(new JsonObject { ["id"] = CameraId, ["url"] = "file" });
        // Every class may be watched (an empty list would not override the default one); eval asks the detector for what the rules watch.
        root["detector"] = new JsonObject { ["classes"] = new JsonArray([.. Models.CocoLabels.All.Select(l => JsonValue.Create(l))]) };
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
        var configuration = new ConfigurationBuilder().AddJsonStream(json).Build();
        return WatchpostOptionsLoader.Bind(configuration, full);
    }
}
