using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Models;
using Watchpost.Tracking;

namespace Watchpost.Benchmarks;

/// <summary>A 1920x1080 camera with a grid of zones and lines and N rules cycling through every rule type, as a site file.</summary>
internal static class RuleSites
{
    public const string Camera = "cam";

    /// <summary>One template per rule type (every type of the catalogue): {0} is the rule id, {1} a zone id, {2} a line id.</summary>
    private static readonly string[] Templates =
    [
        """{{ "id": "{0}", "type": "intrusion", "zone": "{1}", "durationSeconds": 2, "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "zone_enter", "zone": "{1}", "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "zone_exit", "zone": "{1}", "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "line_crossing", "line": "{2}", "direction": "both", "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "loitering", "zone": "{1}", "dwellSeconds": 20, "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "gathering", "zone": "{1}", "count": 3, "durationSeconds": 2, "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "running", "camera": "cam", "speedPxPerSecond": 150, "durationSeconds": 1, "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "fall", "camera": "cam", "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "left_object", "camera": "cam", "durationSeconds": 10, "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "object_removed", "zone": "{1}", "durationSeconds": 5, "cooldownSeconds": 0 }}""",
        """{{ "id": "{0}", "type": "fight", "camera": "cam", "cooldownSeconds": 0 }}""",
    ];

    public static WatchpostOptions Build(int rules)
    {
        var json = new StringBuilder();
        // Every COCO class, so that the object rules' classes are reported (an empty list would not override the default).
        json.Append("""{ "detector": { "classes": [""").AppendJoin(",", CocoLabels.All.Select(l => $"\"{l}\"")).Append("""] }, "cameras": [ { "id": "cam", "url": "/dev/null" } ], "zones": [""");
        for (var z = 0; z < 10; z++)
        {
            var (x, y) = (z % 5 * 380 + 20, z / 5 * 520 + 20);
            json.Append(CultureInfo.InvariantCulture, $$"""{{(z > 0 ? "," : "")}}{ "id": "z{{z}}", "camera": "cam", "polygon": [[{{x}},{{y}}],[{{x + 340}},{{y}}],[{{x + 340}},{{y + 480}}],[{{x}},{{y + 480}}]] }""");
        }

        json.Append("""], "lines": [""");
        for (var l = 0; l < 10; l++)
        {
            json.Append(CultureInfo.InvariantCulture, $$"""{{(l > 0 ? "," : "")}}{ "id": "l{{l}}", "camera": "cam", "from": [{{l * 190 + 50}}, 40], "to": [{{l * 190 + 50}}, 1040] }""");
        }

        json.Append("""], "rules": [""");
        for (var r = 0; r < rules; r++)
        {
            json.Append(r > 0 ? "," : "").Append(string.Format(CultureInfo.InvariantCulture, Templates[r % Templates.Length], $"r{r}", $"z{r % 10}", $"l{r % 10}"));
        }

        json.Append("] }");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToString()));
        return WatchpostOptionsLoader.Bind(new ConfigurationBuilder().AddJsonStream(stream).Build(), "benchmark site");
    }

    /// <summary>Person i at time t: walking a slow ellipse across the frame, so that it enters and leaves zones and crosses lines.</summary>
    public static Track Walker(int i, double t)
    {
        var phase = i * 0.7 + t * (0.05 + i % 7 * 0.01);
        var cx = 960 + 800 * Math.Cos(phase + i);
        var cy = 540 + 420 * Math.Sin(phase * 1.3 + i);
        var h = 80f + i % 5 * 20;
        return new Track(i + 1, new BoundingBox((float)cx - h / 4, (float)cy - h, h / 2, h), 0, 0.8f, true, true, 100, TimeSpan.Zero);
    }
}
