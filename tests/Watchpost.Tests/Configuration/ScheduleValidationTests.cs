using Watchpost.Configuration;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Configuration;

/// <summary>Impossible schedules are refused at load with the rule's id, the field and what to write instead.</summary>
public sealed class ScheduleValidationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private WatchpostOptions Load(string schedule, string timeZone = "UTC")
    {
        var path = _folder.File($"site-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "site": { "timeZone": "{{timeZone}}" },
              "cameras": [ { "id": "gate-1", "url": "rtsp://10.0.0.21:554/stream2" } ],
              "zones": [ { "id": "lobby", "camera": "gate-1", "polygon": [[0,0],[100,0],[100,100]] } ],
              "rules": [ { "id": "night", "type": "intrusion", "zone": "lobby", "schedule": [ {{schedule}} ] } ]
            }
            """);
        return WatchpostOptionsLoader.Load(path);
    }

    [Theory]
    [InlineData("""{ "days": "mon-fri", "from": "22:00", "to": "06:00" }""")]
    [InlineData("""{ "days": "sat,sun", "from": "00:00", "to": "24:00" }""")]
    [InlineData("""{ "days": "daily", "from": "08:00", "to": "18:00" }, { "days": "Mon,Wed-Fri", "from": "23:30", "to": "00:30" }""")]
    public void Possible_schedules_load(string schedule) => Assert.NotEmpty(Load(schedule).Rules.Single().Schedule);

    [Theory]
    [InlineData("""{ "days": "funday", "from": "22:00", "to": "06:00" }""", "rules[0] ('night').schedule[0].days: 'funday' is not a list of days")]
    [InlineData("""{ "days": "mon-", "from": "22:00", "to": "06:00" }""", "rules[0] ('night').schedule[0].days:")]
    [InlineData("""{ "days": "mon-fri", "from": "22:00", "to": "22:00" }""", "rules[0] ('night').schedule[0]: from and to are both 22:00: the window is empty")]
    [InlineData("""{ "days": "mon-fri", "from": "00:00", "to": "00:00" }""", "rules[0] ('night').schedule[0]: from and to are both 00:00")]
    [InlineData("""{ "days": "mon-fri", "from": "25:00", "to": "06:00" }""", "rules[0] ('night').schedule[0].from: from must be HH:mm")]
    [InlineData("""{ "days": "mon-fri", "from": "22:00", "to": "6:00" }""", "rules[0] ('night').schedule[0].to: to must be HH:mm")]
    [InlineData("""{ "days": "mon-fri", "from": "24:00", "to": "06:00" }""", "rules[0] ('night').schedule[0].from:")]
    [InlineData("""{ "days": "mon-fri", "from": "10pm", "to": "06:00" }""", "rules[0] ('night').schedule[0].from:")]
    [InlineData("""{ "days": "daily" }, { "days": "sat", "from": "12:00", "to": "12:00" }""", "rules[0] ('night').schedule[1]: from and to are both 12:00")]
    public void Impossible_schedules_are_refused_with_the_rule_and_field(string schedule, string expected)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Load(schedule));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Load("""{ "days": "daily", "from": "22:00", "to": "06:00" }""", "Mars/Olympus"));

        Assert.Contains("site.timeZone: 'Mars/Olympus'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
