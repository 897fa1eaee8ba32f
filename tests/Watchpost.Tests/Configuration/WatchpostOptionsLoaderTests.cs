using Watchpost.Configuration;

namespace Watchpost.Tests.Configuration;

public sealed class WatchpostOptionsLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("watchpost-config-").FullName;

    private const string ValidSite = """
        {
          "site": { "deviceId": "gate-north-01" },
          "cameras": [ { "id": "gate-1", "url": "rtsp://10.0.0.21:554/stream2", "detectFps": 5 } ],
          "zones": [ { "id": "lobby", "camera": "gate-1", "polygon": [[0,0],[100,0],[100,100]] } ],
          "rules": [ { "id": "night", "type": "intrusion", "zone": "lobby", "durationSeconds": 2 } ],
          "mqtt": { "broker": "mqtt://10.0.0.5:1883" }
        }
        """;

    private string Write(string json)
    {
        var path = Path.Combine(_folder, $"site-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_valid_site_file_loads_with_its_values()
    {
        var options = WatchpostOptionsLoader.Load(Write(ValidSite));

        Assert.Equal("gate-north-01", options.Site.DeviceId);
        Assert.Equal(5, options.Cameras.Single().DetectFps);
        Assert.Equal([100f, 100f], options.Zones.Single().Polygon[2]);
        Assert.Equal(2, Assert.IsType<Watchpost.Behaviours.Intrusion.IntrusionRuleOptions>(options.Rules.Single()).DurationSeconds);
    }

    [Fact]
    public void A_list_in_the_file_replaces_the_default_list_instead_of_adding_to_it()
    {
        var options = WatchpostOptionsLoader.Load(Write("""
            { "site": { "deviceId": "lists" }, "detector": { "providers": ["cpu"], "classes": ["person", "car"] } }
            """));

        Assert.Equal(["cpu"], options.Detector.Providers);
        Assert.Equal(["person", "car"], options.Detector.Classes);
        Assert.Equal(["tensorrt", "cuda", "cpu"], WatchpostOptionsLoader.Load(Write("""{ "site": { "deviceId": "defaults" } }""")).Detector.Providers);
    }

    [Theory]
    [InlineData("\"cameras\": [ { \"id\": \"gate-1\", \"url\": \"rtsp://a/b\", \"fps\": 5 } ]", "fps")]
    [InlineData("\"site\": { \"deviceId\": \"gate north\" }", "site.deviceId")]
    [InlineData("\"zones\": [ { \"id\": \"z\", \"camera\": \"nope\", \"polygon\": [[0,0],[1,0],[1,1]] } ]", "no camera has the id 'nope'")]
    [InlineData("\"rules\": [ { \"id\": \"r\", \"type\": \"teleport\", \"zone\": \"z\" } ]", "rules[0] ('r').type: unknown type 'teleport'; expected one of intrusion")]
    [InlineData("\"mqtt\": { \"broker\": \"10.0.0.5\" }", "mqtt.broker")]
    [InlineData("\"detector\": { \"scoreThreshold\": 3 }", "ScoreThreshold")]
    [InlineData("\"detector\": { \"overload\": { \"minFps\": 0 } }", "MinFps")]
    [InlineData("\"cameras\": [ { \"id\": \"gate-1\", \"url\": \"rtsp://a/b\", \"hwaccel\": \"nvdec\" } ]", "hwaccel must be 'none', 'cuda', 'vaapi' or 'qsv'")]
    [InlineData("\"cameras\": [ { \"id\": \"gate-1\", \"url\": \"rtsp://a/b\", \"decoder\": \"h264 -y\" } ]", "decoder must be an ffmpeg decoder name")]
    public void A_bad_site_file_fails_naming_the_file_and_the_problem(string section, string expected)
    {
        var path = Write("{ " + section + " }");

        var error = Assert.Throws<InvalidConfigurationException>(() => WatchpostOptionsLoader.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Broken_json_and_a_missing_file_fail_clearly()
    {
        var broken = Write("{ \"site\": { ");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidConfigurationException>(() => WatchpostOptionsLoader.Load(broken)).Message);

        var missing = Path.Combine(_folder, "absent.json");
        var error = Assert.Throws<InvalidConfigurationException>(() => WatchpostOptionsLoader.Load(missing));
        Assert.Contains("does not exist", error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        Environment.SetEnvironmentVariable("WATCHPOST__STORAGE__PATH", "/tmp/override-store");
        try
        {
            Assert.Equal("/tmp/override-store", WatchpostOptionsLoader.Load(Write(ValidSite)).Storage.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WATCHPOST__STORAGE__PATH", null);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
