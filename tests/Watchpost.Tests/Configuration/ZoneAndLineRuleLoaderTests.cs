using Watchpost.Behaviours.Gathering;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Behaviours.Loitering;
using Watchpost.Configuration;

namespace Watchpost.Tests.Configuration;

/// <summary>The zone and line rule types through the real loader: good entries bind to their options, bad ones are refused naming the rule, the field and the reason.</summary>
public sealed class ZoneAndLineRuleLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("watchpost-rules-").FullName;

    private string Site(string rule)
    {
        var path = Path.Combine(_folder, $"site-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "cameras": [ { "id": "gate-1", "url": "rtsp://10.0.0.21:554/stream2" } ],
              "zones": [ { "id": "lobby", "camera": "gate-1", "polygon": [[0,0],[100,0],[100,100]] } ],
              "lines": [ { "id": "door", "camera": "gate-1", "from": [10,10], "to": [90,10] } ],
              "rules": [ {{rule}} ]
            }
            """);
        return path;
    }

    [Fact]
    public void Each_type_loads_with_its_parameters_and_defaults()
    {
        var path = Path.Combine(_folder, "all.json");
        File.WriteAllText(path, """
            {
              "cameras": [ { "id": "gate-1", "url": "rtsp://10.0.0.21:554/stream2" } ],
              "zones": [ { "id": "lobby", "camera": "gate-1", "polygon": [[0,0],[100,0],[100,100]] } ],
              "lines": [ { "id": "door", "camera": "gate-1", "from": [10,10], "to": [90,10] } ],
              "rules": [
                { "id": "in", "type": "zone_enter", "zone": "lobby" },
                { "id": "out", "type": "zone_exit", "zone": "lobby" },
                { "id": "cross", "type": "line_crossing", "line": "door" },
                { "id": "cross-in", "type": "line_crossing", "line": "door", "direction": "b_to_a" },
                { "id": "loiter", "type": "loitering", "zone": "lobby", "dwellSeconds": 30 },
                { "id": "group", "type": "gathering", "zone": "lobby", "count": 4, "durationSeconds": 5 }
              ]
            }
            """);

        var rules = WatchpostOptionsLoader.Load(path).Rules;

        Assert.Equal(["zone_enter", "zone_exit", "line_crossing", "line_crossing", "loitering", "gathering"], rules.Select(r => r.Type));
        Assert.Equal("both", Assert.IsType<LineCrossingRuleOptions>(rules[2]).Direction);
        Assert.Equal("b_to_a", Assert.IsType<LineCrossingRuleOptions>(rules[3]).Direction);
        Assert.Equal(30, Assert.IsType<LoiteringRuleOptions>(rules[4]).DwellSeconds);
        Assert.Equal((4, 5.0), (Assert.IsType<GatheringRuleOptions>(rules[5]).Count, ((GatheringRuleOptions)rules[5]).DurationSeconds));
        Assert.All(rules, r => Assert.Null(r.Camera));   // the zone or line names the camera
    }

    [Theory]
    [InlineData("""{ "id": "r", "type": "zone_enter" }""", "rules[0] ('r').zone: zone is required")]
    [InlineData("""{ "id": "r", "type": "zone_exit", "zone": "garden" }""", "rules[0] ('r').zone: no zone has the id 'garden' (zones: lobby)")]
    [InlineData("""{ "id": "r", "type": "line_crossing" }""", "rules[0] ('r').line: line is required")]
    [InlineData("""{ "id": "r", "type": "line_crossing", "line": "gate" }""", "rules[0] ('r').line: no line has the id 'gate' (lines: door)")]
    [InlineData("""{ "id": "r", "type": "line_crossing", "line": "door", "direction": "in" }""", "rules[0] ('r').direction: 'in' is not a direction: write \"a_to_b\", \"b_to_a\" or \"both\"")]
    [InlineData("""{ "id": "r", "type": "line_crossing", "line": "door", "direction": "A_TO_B" }""", "rules[0] ('r').direction: 'A_TO_B' is not a direction")]
    [InlineData("""{ "id": "r", "type": "loitering", "zone": "lobby", "dwellSeconds": 0 }""", "rules[0] ('r').dwellSeconds: 0 is not a dwell time")]
    [InlineData("""{ "id": "r", "type": "loitering", "zone": "lobby", "dwellSeconds": -5 }""", "rules[0] ('r').dwellSeconds: -5 is not a dwell time")]
    [InlineData("""{ "id": "r", "type": "gathering", "zone": "lobby", "count": 1 }""", "rules[0] ('r').count: 1 objects is not a gathering: give at least 2")]
    [InlineData("""{ "id": "r", "type": "gathering", "zone": "lobby", "durationSeconds": -1 }""", "rules[0] ('r').durationSeconds: -1 is not a duration")]
    [InlineData("""{ "id": "r", "type": "intrusion", "zone": "lobby", "durationSeconds": -1 }""", "rules[0] ('r').durationSeconds: durationSeconds must be from 0")]
    [InlineData("""{ "id": "r", "type": "zone_enter", "zone": "lobby", "camera": "gate-2" }""", "rules[0] ('r').zone: zone 'lobby' is on camera 'gate-1', not on the rule's camera 'gate-2'")]
    public void A_bad_rule_is_refused_with_its_id_field_and_reason(string rule, string expected)
    {
        var path = Site(rule);

        var error = Assert.Throws<InvalidConfigurationException>(() => WatchpostOptionsLoader.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{ "id": "r", "type": "line_crossing", "line": "door", "dwellSeconds": 5 }""", "dwellSeconds", "line, direction")]
    [InlineData("""{ "id": "r", "type": "zone_exit", "zone": "lobby", "direction": "both" }""", "direction", "zone")]
    [InlineData("""{ "id": "r", "type": "loitering", "zone": "lobby", "count": 3 }""", "count", "zone, dwellSeconds")]
    [InlineData("""{ "id": "r", "type": "gathering", "zone": "lobby", "line": "door" }""", "line", "zone, count, durationSeconds")]
    [InlineData("""{ "id": "r", "type": "zone_enter", "zone": "lobby", "durationSeconds": 2 }""", "durationSeconds", "zone")]
    public void A_parameter_of_another_type_is_refused(string rule, string parameter, string parameters)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => WatchpostOptionsLoader.Load(Site(rule)));

        Assert.Contains($"rules[0] ('r').{parameter}: not a parameter of rule type", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(it takes {parameters} and the common ones", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
