using Watchpost.Configuration;
using Watchpost.Tests.Behaviours;

namespace Watchpost.Tests.Configuration;

/// <summary>Geometry, time zones and rule references that cannot work are refused at load, naming the item and the reason.</summary>
public class SiteGeometryValidationTests
{
    private static string Error(string zones = """[ { "id": "lobby", "camera": "cam", "polygon": [[0, 0], [100, 0], [100, 100]] } ]""",
        string lines = "[]", string rules = "[]", string site = """{ "timeZone": "UTC" }""")
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => RuleSiteJson.Load($$"""
            { "site": {{site}}, "cameras": [ { "id": "cam", "url": "/dev/null" } ],
              "zones": {{zones}}, "lines": {{lines}}, "rules": {{rules}} }
            """));
        return error.Message;
    }

    [Theory]
    [InlineData("""[[0, 0], [100, 100], [100, 0], [0, 50]]""", "zones[0] ('lobby').polygon: the polygon crosses itself (edge 0-1 crosses edge 2-3)")]
    [InlineData("""[[0, 0], [50, 50], [100, 100]]""", "zones[0] ('lobby').polygon: the polygon has no area")]
    [InlineData("""[[0, 0], [100, 0]]""", "a zone polygon needs at least 3 points")]
    public void A_zone_that_is_not_an_area_is_refused(string polygon, string expected) =>
        Assert.Contains(expected, Error(zones: $$"""[ { "id": "lobby", "camera": "cam", "polygon": {{polygon}} } ]"""), StringComparison.Ordinal);

    [Fact]
    public void A_line_of_zero_length_is_refused() =>
        Assert.Contains("lines[0] ('door'): from and to are the same point [10, 20]",
            Error(lines: """[ { "id": "door", "camera": "cam", "from": [10, 20], "to": [10, 20] } ]"""), StringComparison.Ordinal);

    [Fact]
    public void An_unknown_time_zone_is_refused() =>
        Assert.Contains("site.timeZone: 'Mars/Olympus' is not an IANA time zone name", Error(site: """{ "timeZone": "Mars/Olympus" }"""), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "id": "r", "type": "intrusion", "zone": "lobby", "classes": ["unicorn"] }""", "rules[0] ('r').classes: 'unicorn' is not a COCO class name")]
    [InlineData("""{ "id": "r", "type": "intrusion", "zone": "lobby", "classes": ["dog"] }""", "rules[0] ('r').classes: the detector does not report 'dog': add it to detector.classes")]
    [InlineData("""{ "id": "r", "type": "intrusion", "zone": "lobby", "minSize": 200, "maxSize": 100 }""", "rules[0] ('r').minSize: 200 is larger than maxSize 100")]
    [InlineData("""{ "id": "r", "type": "intrusion", "zone": "lobby", "camera": "other" }""", "rules[0] ('r').zone: zone 'lobby' is on camera 'cam', not on the rule's camera 'other'")]
    [InlineData("""{ "id": "r", "type": "fall" }""", "rules[0] ('r').camera: required: a rule without a zone or line must name its camera")]
    [InlineData("""{ "id": "r", "type": "teleport", "zone": "lobby" }""", "rules[0] ('r').type: unknown type 'teleport'; expected one of intrusion")]
    [InlineData("""{ "id": "r", "type": "intrusion", "zone": "lobby", "severity": "urgent" }""", "rules[0] ('r').severity: severity must be low, medium, high or critical")]
    public void A_rule_that_cannot_work_is_refused_with_its_id_field_and_reason(string rule, string expected) =>
        Assert.Contains(expected, Error(rules: $"[ {rule} ]"), StringComparison.Ordinal);
}
