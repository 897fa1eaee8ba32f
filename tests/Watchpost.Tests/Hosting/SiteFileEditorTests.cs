using System.Diagnostics;
using System.Text.Json.Nodes;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Cli;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Hosting;

/// <summary>
/// The site file edited in place as the console's editor does it: only the camera's entries change, the result is
/// validated by the loader `watchpost run` uses, and a refused edit leaves the file byte for byte as it was.
/// </summary>
public sealed class SiteFileEditorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Two cameras, comments and a trailing comma (the loader allows both), rules on each, secrets in mqtt.</summary>
    private string SiteFile()
    {
        var path = _folder.File("watchpost.json");
        File.WriteAllText(path, $$"""
            {
              // the installer's notes
              "site": { "deviceId": "edit-box", "name": "东门岗亭" },
              "cameras": [
                { "id": "gate", "name": "gate [1,\n2]", "url": "rtsp://10.0.0.5/stream" },
                { "id": "yard", "url": "rtsp://10.0.0.6/stream" },
              ],
              "zones": [
                { "id": "yard-north", "camera": "yard", "polygon": [[0, 0], [100, 0], [100, 100]] },
                { "id": "plaza", "camera": "gate", "polygon": [[10, 10], [200, 10], [200, 200], [10, 200]] },
                { "id": "yard-south", "camera": "yard", "polygon": [[0, 200], [100, 200], [100, 300]] }
              ],
              "lines": [ { "id": "door", "camera": "gate", "from": [0, 50], "to": [100, 50] } ],
              "rules": [
                { "id": "plaza-intrusion", "type": "intrusion", "zone": "plaza", "durationSeconds": 2, "severity": "high" },
                { "id": "yard-intrusion", "type": "intrusion", "zone": "yard-north" }
              ],
              "mqtt": { "broker": "mqtt://10.0.0.2:1883", "username": "watchpost", "password": "s3cret-pass" },
              "storage": { "path": {{System.Text.Json.JsonSerializer.Serialize(_folder.File("data"))}} },
            }
            """);
        return path;
    }

    private static CameraLayoutEdit Zones(params LayoutArea[] zones) => new(zones, null, null, null);

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task An_edit_replaces_the_cameras_zones_in_place_and_keeps_other_cameras_other_sections_the_mode_and_the_owner()
    {
        var path = SiteFile();
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var root = Environment.UserName == "root";
        if (root)
        {
            Chown(path, "1234:2345");
        }

        var editor = new SiteFileEditor(path);
        var site = await editor.EditCameraAsync("gate", new CameraLayoutEdit(
            [new LayoutArea("plaza", [[20, 20], [220, 20], [220, 220]]), new LayoutArea("porch", [[300, 300], [400, 300], [400, 400]])],
            [],
            [new LayoutArea("window", [[0, 0], [50, 0], [50, 50]])],
            [new LayoutRule("plaza-intrusion", "intrusion", new JsonObject { ["zone"] = "porch", ["durationSeconds"] = 5 })]),
            null, CancellationToken.None);

        // The gate's zones take the place of its old one, between the yard's; the yard's are as they were.
        Assert.Equal(["yard-north", "plaza", "porch", "yard-south"], site.Zones.Select(z => z.Id));
        Assert.Equal([20f, 20f], site.Zones[1].Polygon[0]);
        Assert.Equal([0f, 200f], site.Zones[3].Polygon[0]);
        Assert.Empty(site.Lines);
        Assert.Equal(("window", "gate"), (site.Masks[0].Id, site.Masks[0].Camera));
        var rule = Assert.IsType<IntrusionRuleOptions>(site.Rules[0]);
        Assert.Equal(("porch", 5.0, "high"), (rule.Zone, rule.DurationSeconds, rule.Severity));   // severity left out: the default
        Assert.Equal("yard-north", Assert.IsType<IntrusionRuleOptions>(site.Rules[1]).Zone);
        Assert.Equal(("东门岗亭", "s3cret-pass", "rtsp://10.0.0.6/stream"), (site.Site.Name, site.Mqtt.Password, site.Cameras[1].Url));
        var text = File.ReadAllText(path);
        Assert.Contains("东门岗亭", text, StringComparison.Ordinal);   // written as it is, not \u escapes
        Assert.Contains("[220, 220]", text, StringComparison.Ordinal);   // a point on one line
        Assert.Contains("\"name\": \"gate [1,\\n2]\"", text, StringComparison.Ordinal);   // a string's text as it was

        // The same file `watchpost run` would load, mode and owner kept, no temporary file left beside it.
        Assert.Equal(SiteDiff.Json(site.Zones), SiteDiff.Json(WatchpostOptionsLoader.Load(path).Zones));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        if (root)
        {
            Assert.Equal("1234:2345", Stat(path));
        }

        Assert.Equal(["watchpost.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_self_intersecting_polygon_or_an_unknown_camera_or_rule_is_refused_with_the_reason_and_the_file_is_byte_identical()
    {
        var path = SiteFile();
        var before = File.ReadAllBytes(path);
        var editor = new SiteFileEditor(path);

        var crossed = await Assert.ThrowsAsync<InvalidConfigurationException>(() =>
            editor.EditCameraAsync("gate", Zones(new LayoutArea("bow", [[0, 0], [100, 100], [100, 0], [0, 150]])), null, CancellationToken.None));
        Assert.StartsWith("zones[1] ('bow').polygon: the polygon crosses itself", SiteFileEditor.Problem(crossed), StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(path), crossed.ConfigurationSource);   // the site file named, not the candidate beside it

        var camera = await Assert.ThrowsAsync<SiteEditException>(() => editor.EditCameraAsync("lobby", Zones(new LayoutArea("hall", [[0, 0], [10, 0], [10, 10]])), null, CancellationToken.None));
        Assert.True(camera.UnknownCamera);
        Assert.Contains("'lobby'", camera.Message, StringComparison.Ordinal);

        var rule = await Assert.ThrowsAsync<SiteEditException>(() => editor.EditCameraAsync("gate", new CameraLayoutEdit(null, null, null, [new LayoutRule("no-such-rule", null, [])]), null, CancellationToken.None));
        Assert.Contains("'no-such-rule'", rule.Message, StringComparison.Ordinal);
        var other = await Assert.ThrowsAsync<SiteEditException>(() => editor.EditCameraAsync("gate", new CameraLayoutEdit(null, null, null, [new LayoutRule("yard-intrusion", null, new JsonObject { ["zone"] = "yard-north" })]), null, CancellationToken.None));
        Assert.Contains("runs on camera 'yard'", other.Message, StringComparison.Ordinal);
        var moved = await Assert.ThrowsAsync<SiteEditException>(() => editor.EditCameraAsync("gate", new CameraLayoutEdit(null, null, null, [new LayoutRule("plaza-intrusion", null, new JsonObject { ["zone"] = "yard-south" })]), null, CancellationToken.None));
        Assert.Contains("would run on camera 'yard'", moved.Message, StringComparison.Ordinal);
        var typed = await Assert.ThrowsAsync<SiteEditException>(() => editor.EditCameraAsync("gate", new CameraLayoutEdit(null, null, null, [new LayoutRule("plaza-intrusion", "loitering", new JsonObject { ["zone"] = "plaza" })]), null, CancellationToken.None));
        Assert.Contains("of type 'intrusion'", typed.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<InvalidConfigurationException>(() => editor.EditCameraAsync("gate", new CameraLayoutEdit(null, null, null, [new LayoutRule("plaza-intrusion", null, new JsonObject { ["zone"] = "plaza", ["speed"] = 3 })]), null, CancellationToken.None));
        Assert.Contains("speed: not a parameter of rule type 'intrusion'", unknown.Message, StringComparison.Ordinal);

        // What puts the edit in force refuses it (a zone outside the camera's frame): the old file goes back.
        var refused = await Assert.ThrowsAsync<InvalidConfigurationException>(() =>
            editor.EditCameraAsync("gate", Zones(new LayoutArea("plaza", [[0, 0], [10, 0], [10, 10]])), _ => throw new InvalidConfigurationException("camera 'gate'", "zone 'plaza': outside"), CancellationToken.None));
        Assert.Contains("outside", refused.Message, StringComparison.Ordinal);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["watchpost.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_editors_json_is_checked_field_by_field()
    {
        foreach (var (body, names) in new[]
        {
            ("[]", "JSON object"),
            ("""{"zones": {}}""", "zones: expected a list"),
            ("""{"zones": [{"polygon": [[0, 0], [1, 0], [1, 1]]}]}""", "zones[0].id"),
            ("""{"zones": [{"id": "a b", "polygon": [[0, 0], [1, 0], [1, 1]]}]}""", "zones[0].id"),
            ("""{"zones": [{"id": "a", "polygon": [[0, 0], [1, "x"], [1, 1]]}]}""", "zones[0].polygon[1]"),
            ("""{"masks": [{"id": "a", "polygon": [[0, 0], [1, 0, 3], [1, 1]]}]}""", "masks[0].polygon[1]"),
            ("""{"lines": [{"id": "a", "from": [0, 0]}]}""", "lines[0].to"),
            ("""{"rules": [{"id": "r"}]}""", "rules[0].parameters"),
        })
        {
            var e = Assert.Throws<SiteEditException>(() => CameraLayoutEdit.Parse(JsonNode.Parse(body)));
            Assert.True(e.Message.StartsWith(names, StringComparison.Ordinal) || e.Message.Contains(names, StringComparison.Ordinal), $"{body}: {e.Message}");
        }

        var edit = CameraLayoutEdit.Parse(JsonNode.Parse("""{"camera": "gate", "editable": true, "zones": [{"id": "a", "polygon": [[0, 0.5], [1, 0], [1, 1]]}]}"""));
        Assert.Equal(0.5f, edit.Zones![0].Polygon[0][1]);
        Assert.Null(edit.Lines);   // left out: kept as it is
    }

    [Fact]
    public async Task The_demo_writes_its_site_file_once_loads_it_as_run_does_and_keeps_the_edits_on_the_next_start()
    {
        var video = "/srv/media/vtest.avi";
        var (site, path, written) = await DemoSite.PrepareAsync(video, _folder.Path, p => p, CancellationToken.None);
        Assert.True(written);
        Assert.Equal(Path.Combine(_folder.Path, DemoSite.FileName), path);

        // What the file loads is the site the demo builds in memory, rule by rule with each type's parameters.
        var expected = DemoSite.Create(video, _folder.Path, 8080);
        expected.Mqtt.EmbeddedPort = 1883;
        Assert.Equal(SiteDiff.Json(SiteFileJson.ToJson(expected)), SiteDiff.Json(SiteFileJson.ToJson(site)));
        foreach (var (a, b) in expected.Rules.Zip(site.Rules))
        {
            Assert.Equal(SiteDiff.Json(a), SiteDiff.Json(b));
        }

        Assert.Equal(SiteDiff.Json(expected.Zones), SiteDiff.Json(site.Zones));
        Assert.Equal("http://127.0.0.1:8080", site.Console.Listen);

        await new SiteFileEditor(path).EditCameraAsync(DemoSite.CameraId, Zones(
            new LayoutArea("walkway", [.. DemoSite.Walkway]), new LayoutArea("plaza", [[300, 215], [600, 195], [620, 330], [300, 290]]), new LayoutArea("crossing", [.. DemoSite.Crossing])), null, CancellationToken.None);
        var edited = File.ReadAllBytes(path);

        // The next start keeps the file (its edit too); a busy port is changed in it and nothing else.
        var (again, _, writtenAgain) = await DemoSite.PrepareAsync(video, _folder.Path, p => p, CancellationToken.None);
        Assert.False(writtenAgain);
        Assert.Equal(edited, File.ReadAllBytes(path));
        Assert.Equal(600f, again.Zones.Single(z => z.Id == "plaza").Polygon[1][0]);
        var (moved, _, _) = await DemoSite.PrepareAsync(video, _folder.Path, p => p == 8080 ? 18080 : p, CancellationToken.None);
        Assert.Equal("http://127.0.0.1:18080", moved.Console.Listen);
        Assert.Equal(SiteDiff.Json(again.Zones), SiteDiff.Json(moved.Zones));
        Assert.Equal(SiteDiff.Json(again.Rules), SiteDiff.Json(moved.Rules));
    }

    private static void Chown(string path, string owner) => Run("chown", owner, path);

    private static string Stat(string path) => Run("stat", "-c", "%u:%g", path).Trim();

    private static string Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
