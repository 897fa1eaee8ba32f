using System.Text.Json;
using Watchpost.Hosting;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// The verbs that read and edit the site file (init, config, camera, zone, line, rule), run as the real
/// executable in a temporary folder: what they print in text and JSON, what they write, and that a refused edit
/// exits 2 naming the input and leaves the file byte for byte as it was.
/// </summary>
public sealed class SiteVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Config => _folder.File("etc/watchpost.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Init_creates_the_folders_and_a_valid_private_site_file_and_keeps_an_existing_one()
    {
        var data = _folder.File("data");
        var bad = await RunAsync("init", "--config", Config, "--data", data, "--device-id", "gate box");
        Assert.True(bad.ExitCode == 2 && bad.Stderr.Contains("site.deviceId", StringComparison.Ordinal), bad.ToString());
        var zone = await RunAsync("init", "--config", Config, "--data", data, "--time-zone", "Mars/Olympus_Mons");
        Assert.True(zone.ExitCode == 2 && zone.Stderr.Contains("--time-zone", StringComparison.Ordinal), zone.ToString());
        var language = await RunAsync("init", "--config", Config, "--data", data, "--language", "fr");
        Assert.True(language.ExitCode == 2 && language.Stderr.Contains("site.language", StringComparison.Ordinal), language.ToString());
        Assert.False(File.Exists(Config), "a refused init wrote a site file");

        var init = await RunAsync("init", "--config", Config, "--data", data, "--device-id", "gate-box", "--time-zone", "Asia/Shanghai", "--language", "zh-CN", "--name", "东门");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("camera add", init.Stdout, StringComparison.Ordinal);
        Assert.Contains("service install", init.Stdout, StringComparison.Ordinal);
        Assert.Contains("doctor", init.Stdout, StringComparison.Ordinal);
        Assert.True(Directory.Exists(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Config));
        var site = Watchpost.Configuration.WatchpostOptionsLoader.Load(Config);
        Assert.Equal(("gate-box", "Asia/Shanghai", "zh-CN", "东门", Path.GetFullPath(data)), (site.Site.DeviceId, site.Site.TimeZone, site.Site.Language, site.Site.Name, site.Storage.Path));

        var written = await File.ReadAllBytesAsync(Config);
        var again = await RunAsync("init", "--config", Config, "--data", data, "--device-id", "other");
        Assert.True(again.ExitCode == 0 && again.Stdout.Contains("initialised", StringComparison.Ordinal), again.ToString());
        Assert.Equal(written, await File.ReadAllBytesAsync(Config));

        var validate = await RunAsync("config", "validate", "--config", Config);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("0 cameras, 0 zones, 0 lines, 0 masks, 0 rules", validate.Stdout, StringComparison.Ordinal);

        var forced = await RunAsync("init", "--config", Config, "--data", data, "--force");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(written, await File.ReadAllBytesAsync(Config + ".bak"));
        Assert.Matches("^[A-Za-z0-9_-]{1,64}$", Watchpost.Configuration.WatchpostOptionsLoader.Load(Config).Site.DeviceId);   // from the host name
    }

    [Fact]
    public async Task Zones_are_added_from_points_or_json_listed_with_the_editors_and_refused_edits_leave_the_file_as_it_was()
    {
        await WriteSiteAsync("""{ "cameras": [ { "id": "gate", "url": "rtsp://admin:pw@127.0.0.1:1/x" } ] }""");
        Assert.Equal(0, (await RunAsync("zone", "add", "yard", "--camera", "gate", "--points", "0,0 400,0 400,300 0,300", "--config", Config)).ExitCode);
        await RefusedAsync(["zone", "add", "yard", "--camera", "gate", "--points", "0,0 10,0 10,10"], "zone 'yard'", "already has");
        await RefusedAsync(["zone", "add", "z2", "--camera", "nocam", "--points", "0,0 10,0 10,10"], "camera 'nocam'", "gate");
        await RefusedAsync(["zone", "add", "z3", "--camera", "gate", "--points", "0,0 10,10"], "polygon", "3 points");
        await RefusedAsync(["zone", "add", "z4", "--camera", "gate", "--points", "0,0 10,ten 10,10"], "--points", "x,y");
        await RefusedAsync(["zone", "add", "z5", "--camera", "gate", "--points", "0,0 100,100 100,0 0,100"], "zones[1] ('z5').polygon", "");
        var json = await RunAsync("zone", "add", "door", "--camera", "gate", "--points", "[[500,0],[700,0],[700,200]]", "--config", Config);
        Assert.True(json.ExitCode == 0 && json.Stdout.Contains("cmd/reload", StringComparison.Ordinal), json.ToString());
        Assert.Equal([[500f, 0f], [700f, 0f], [700f, 200f]], Watchpost.Configuration.WatchpostOptionsLoader.Load(Config).Zones[1].Polygon);

        // Zones the console's editor saved are in the same file: the verbs list and remove them.
        await new SiteFileEditor(Config).EditCameraAsync("gate", new CameraLayoutEdit([new LayoutArea("drawn", [[1, 1], [50, 1], [50, 40]]), new LayoutArea("yard", [[0, 0], [400, 0], [400, 300]])], null, null, null), null, CancellationToken.None);
        await EditAsync(root => root["rules"] = JsonNodeOf("""[ { "id": "night", "type": "intrusion", "zone": "yard" } ]"""));
        var zones = await RunAsync("zone", "list", "--json", "--config", Config);
        Assert.True(zones.ExitCode == 0, zones.ToString());
        using (var list = JsonDocument.Parse(zones.Stdout))
        {
            Assert.Equal(["drawn", "yard"], list.RootElement.EnumerateArray().Select(z => z.GetProperty("id").GetString()));
            Assert.Equal(3, list.RootElement[0].GetProperty("polygon").GetArrayLength());
            Assert.Equal("night", list.RootElement[1].GetProperty("rules")[0].GetString());
        }

        var removeRead = await RefusedAsync(["zone", "remove", "yard"], "zone 'yard'", "night");
        Assert.Contains("rule remove", removeRead.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("zone", "remove", "drawn", "--config", Config)).ExitCode);
        var text = await RunAsync("zone", "list", "--camera", "gate", "--config", Config);
        Assert.Matches(@"yard\s+gate\s+0,0 400,0 400,300\s+night", text.Stdout);
        Assert.DoesNotContain("drawn", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_are_added_listed_and_removed_once_no_rule_reads_them()
    {
        await WriteSiteAsync("""{ "cameras": [ { "id": "gate", "url": "rtsp://127.0.0.1:1/x" } ] }""");
        Assert.Equal(0, (await RunAsync("line", "add", "tripwire", "--camera", "gate", "--from", "0,500", "--to", "700,500", "--config", Config)).ExitCode);
        await RefusedAsync(["line", "add", "dot", "--camera", "gate", "--from", "5,5", "--to", "5,5"], "lines[1] ('dot')", "same point");
        await RefusedAsync(["line", "add", "half", "--camera", "gate", "--from", "5", "--to", "5,5"], "--from", "x,y");
        await EditAsync(root => root["rules"] = JsonNodeOf("""[ { "id": "cross", "type": "line_crossing", "line": "tripwire" } ]"""));

        var lines = await RunAsync("line", "list", "--config", Config);
        Assert.Matches(@"tripwire\s+gate\s+0,500\s+700,500\s+cross", lines.Stdout);
        var json = await RunAsync("line", "list", "--json", "--config", Config);
        using (var list = JsonDocument.Parse(json.Stdout))
        {
            var line = list.RootElement.EnumerateArray().Single();
            Assert.Equal(("tripwire", "gate", 0f, 700f), (line.GetProperty("id").GetString(), line.GetProperty("camera").GetString(), line.GetProperty("from")[0].GetSingle(), line.GetProperty("to")[0].GetSingle()));
        }

        await RefusedAsync(["line", "remove", "tripwire"], "line 'tripwire'", "cross");
        await EditAsync(root => root.Remove("rules"));
        Assert.Equal(0, (await RunAsync("line", "remove", "tripwire", "--config", Config)).ExitCode);
        Assert.Empty(Watchpost.Configuration.WatchpostOptionsLoader.Load(Config).Lines);
    }

    [Fact]
    public async Task Rules_are_added_with_their_parameters_and_shown_with_every_default()
    {
        await WriteSiteAsync("""
            {
              "cameras": [ { "id": "gate", "url": "rtsp://127.0.0.1:1/x" } ],
              "zones": [ { "id": "yard", "camera": "gate", "polygon": [[0, 0], [400, 0], [400, 300]] } ]
            }
            """);
        var add = await RunAsync(
            "rule", "add", "night", "--type", "intrusion", "--zone", "yard", "--classes", "person,car", "--severity", "critical", "--cooldown", "30",
            "--schedule", "mon-fri 22:00-06:00", "--schedule", "sat,sun 00:00-24:00", "--set", "durationSeconds=2.5", "--config", Config);
        Assert.True(add.ExitCode == 0 && add.Stdout.Contains("camera 'gate'", StringComparison.Ordinal), add.ToString());
        var unknownType = await RefusedAsync(["rule", "add", "x", "--type", "teleport", "--camera", "gate"], "unknown type 'teleport'", "line_crossing");
        Assert.Contains("rules[1] ('x').type", unknownType.Stderr, StringComparison.Ordinal);
        await RefusedAsync(["rule", "add", "x", "--type", "intrusion", "--zone", "yard", "--set", "speed=3"], "not a parameter of rule type 'intrusion'", "durationSeconds");
        await RefusedAsync(["rule", "add", "night", "--type", "fall", "--camera", "gate"], "rule 'night'", "already has");
        await RefusedAsync(["rule", "add", "x", "--type", "intrusion", "--zone", "yard", "--schedule", "weekdays at night"], "--schedule", "mon-fri 22:00-06:00");
        await RefusedAsync(["rule", "add", "x", "--type", "intrusion", "--zone", "yard", "--schedule", "someday 22:00-06:00"], "schedule[0].days", "");
        await RefusedAsync(["rule", "add", "x", "--type", "intrusion", "--zone", "nowhere"], "no zone has the id 'nowhere'", "yard");

        var show = await RunAsync("rule", "show", "night", "--json", "--config", Config);
        Assert.True(show.ExitCode == 0, show.ToString());
        using (var rule = JsonDocument.Parse(show.Stdout))
        {
            var root = rule.RootElement;
            Assert.Equal(("intrusion", "gate", "critical", true), (root.GetProperty("type").GetString(), root.GetProperty("camera").GetString(), root.GetProperty("severity").GetString(), root.GetProperty("enabled").GetBoolean()));
            Assert.Equal("mon-fri 22:00-06:00, sat,sun 00:00-24:00", root.GetProperty("schedule").GetString());
            var parameters = root.GetProperty("parameters");
            Assert.Equal(2.5, parameters.GetProperty("durationSeconds").GetDouble());
            Assert.Equal(30, parameters.GetProperty("cooldownSeconds").GetDouble());
            Assert.Equal(JsonValueKind.Null, parameters.GetProperty("minSize").ValueKind);   // every parameter, set or not
            Assert.Equal(["person", "car"], parameters.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal("22:00", parameters.GetProperty("schedule")[0].GetProperty("from").GetString());
        }

        var text = await RunAsync("rule", "show", "night", "--config", Config);
        Assert.Matches(@"durationSeconds\s+2.5\n", text.Stdout.ReplaceLineEndings("\n"));
        Assert.Matches(@"enabled\s+true\s+\(default\)", text.Stdout);
        Assert.Matches(@"minSize\s+\(not set\)\s+\(default\)", text.Stdout);
    }

    [Fact]
    public async Task Rules_are_switched_off_and_on_and_removed_with_the_relay_triggers_they_pulse()
    {
        await WriteSiteAsync("""
            {
              "cameras": [ { "id": "gate", "url": "rtsp://127.0.0.1:1/x" } ],
              "zones": [ { "id": "yard", "camera": "gate", "polygon": [[0, 0], [400, 0], [400, 300]] } ],
              "rules": [
                { "id": "night", "type": "intrusion", "zone": "yard", "severity": "critical", "classes": ["person", "car"], "schedule": [ { "days": "mon-fri", "from": "22:00", "to": "06:00" } ] },
                { "id": "down", "type": "fall", "camera": "gate" }
              ],
              "gpio": { "board": "jetson-orin-nano", "outputs": [ { "name": "siren", "pin": 12, "onRules": [ { "rule": "night", "seconds": 5 } ] } ] }
            }
            """);
        Assert.Equal(0, (await RunAsync("rule", "disable", "night", "--config", Config)).ExitCode);
        var list = await RunAsync("rule", "list", "--camera", "gate", "--config", Config);
        Assert.Matches(@"night\s+intrusion\s+gate\s+zone:yard\s+no\s+critical\s+mon-fri 22:00-06:00\s+person,car", list.Stdout);
        Assert.Matches(@"down\s+fall\s+gate\s+-\s+yes\s+high\s+always\s+person", list.Stdout);
        var disabled = await File.ReadAllBytesAsync(Config);
        var again = await RunAsync("rule", "disable", "night", "--config", Config);
        Assert.True(again.ExitCode == 0 && again.Stdout.Contains("already", StringComparison.Ordinal), again.ToString());
        Assert.Equal(disabled, await File.ReadAllBytesAsync(Config));
        Assert.Equal(0, (await RunAsync("rule", "enable", "night", "--config", Config)).ExitCode);
        var listJson = await RunAsync("rule", "list", "--json", "--config", Config);
        using (var rules = JsonDocument.Parse(listJson.Stdout))
        {
            Assert.Equal([("night", true), ("down", true)], rules.RootElement.EnumerateArray().Select(r => (r.GetProperty("id").GetString(), r.GetProperty("enabled").GetBoolean())));
        }

        // The relay pulsed by the rule: refused by name, removed with --cascade (the relay stays).
        await RefusedAsync(["rule", "remove", "night"], "relay 'siren'", "--cascade");
        var removed = await RunAsync("rule", "remove", "night", "--cascade", "--config", Config);
        Assert.True(removed.ExitCode == 0 && removed.Stdout.Contains("siren", StringComparison.Ordinal), removed.ToString());
        var site = Watchpost.Configuration.WatchpostOptionsLoader.Load(Config);
        Assert.Equal(["down"], site.Rules.Select(r => r.Id));
        Assert.Empty(site.Gpio.Outputs.Single().OnRules);
    }

    [Fact]
    public async Task Cameras_are_listed_shown_and_removed_only_with_what_is_on_them()
    {
        await WriteSiteAsync("""
            {
              "zones": [],
              "masks": []
            }
            """);
        var add = await RunAsync("camera", "add", "gate", "--url", "rtsp://admin:pw@10.0.0.9/s", "--name", "Main gate", "--detect-fps", "5", "--no-probe", "--config", Config);
        Assert.True(add.ExitCode == 0 && add.Stdout.Contains("not probed", StringComparison.Ordinal), add.ToString());
        await RefusedAsync(["camera", "add", "gate", "--url", "rtsp://10.0.0.10/s", "--no-probe"], "camera 'gate'", "already has");
        await RefusedAsync(["camera", "add", "bad id", "--url", "rtsp://10.0.0.10/s", "--no-probe"], "camera id must be", "");
        await EditAsync(
            root =>
            {
                root["zones"] = JsonNodeOf("""[ { "id": "yard", "camera": "gate", "polygon": [[0, 0], [400, 0], [400, 300]] } ]""");
                root["masks"] = JsonNodeOf("""[ { "id": "window", "camera": "gate", "polygon": [[10, 10], [40, 10], [40, 40]] } ]""");
                root["rules"] = JsonNodeOf("""[ { "id": "night", "type": "intrusion", "zone": "yard" } ]""");
            });

        var list = await RunAsync("camera", "list", "--config", Config);
        Assert.Matches(@"gate\s+Main gate\s+rtsp://admin:\*\*\*@10\.0\.0\.9/s\s+tcp\s+5\s+yes\s+1\s+0\s+1", list.Stdout);
        var show = await RunAsync("camera", "show", "gate", "--json", "--config", Config);
        using (var detail = JsonDocument.Parse(show.Stdout))
        {
            var root = detail.RootElement;
            Assert.Equal("rtsp://admin:***@10.0.0.9/s", root.GetProperty("camera").GetProperty("url").GetString());
            Assert.Equal("yard", root.GetProperty("zones")[0].GetProperty("id").GetString());
            Assert.Equal("window", root.GetProperty("masks")[0].GetProperty("id").GetString());
            Assert.Equal("night", root.GetProperty("rules")[0].GetProperty("id").GetString());
        }

        var showText = await RunAsync("camera", "show", "gate", "--config", Config);
        Assert.Matches(@"yard\s+0,0 400,0 400,300\s+night", showText.Stdout);
        await RefusedAsync(["camera", "show", "nocam"], "camera 'nocam'", "gate");

        var refused = await RefusedAsync(["camera", "remove", "gate"], "zones yard", "rules night");
        Assert.Contains("masks window", refused.Stderr, StringComparison.Ordinal);
        var cascade = await RunAsync("camera", "remove", "gate", "--cascade", "--config", Config);
        Assert.True(cascade.ExitCode == 0, cascade.ToString());
        Assert.Contains("zones yard; masks window; rules night", cascade.Stdout, StringComparison.Ordinal);
        var empty = await RunAsync("camera", "list", "--json", "--config", Config);
        Assert.Equal("[]", empty.Stdout.Trim());
    }

    [Fact]
    public async Task Config_show_and_every_listing_mask_each_secret()
    {
        const string CameraPassword = "CamPa55word";
        const string QueryPassword = "QueryPa55";
        const string MqttPassword = "MqttPa55";
        const string UserPassword = "ClientPa55";
        const string EnvironmentPassword = "FromEnvPa55";
        await WriteSiteAsync($$"""
            {
              "cameras": [
                { "id": "gate", "url": "rtsp://admin:{{CameraPassword}}@10.0.0.9:554/s" },
                { "id": "dock", "url": "rtsp://10.0.0.10/live?user=admin&password={{QueryPassword}}" }
              ],
              "mqtt": { "broker": "mqtt://broker.local:1883", "username": "box", "password": "{{MqttPassword}}",
                        "users": [ { "username": "ha", "password": "{{UserPassword}}", "role": "controller" } ] }
            }
            """);
        var environment = new Dictionary<string, string?> { ["WATCHPOST__MQTT__USERS__0__PASSWORD"] = EnvironmentPassword };
        var outputs = new List<WatchpostProcess.Result>();
        foreach (string[] verb in (string[][])[["config", "show"], ["config", "show", "--json"], ["config", "validate"], ["camera", "list"], ["camera", "list", "--json"], ["camera", "show", "dock"], ["camera", "show", "gate", "--json"]])
        {
            var result = await WatchpostProcess.RunAsync([.. verb, "--config", Config], _folder.Path, environment);
            Assert.True(result.ExitCode == 0, result.ToString());
            outputs.Add(result);
        }

        var all = string.Join("\n", outputs.Select(o => o.Stdout + o.Stderr));
        foreach (var secret in new[] { CameraPassword, QueryPassword, MqttPassword, UserPassword, EnvironmentPassword })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        using var shown = JsonDocument.Parse(outputs[1].Stdout);
        var mqtt = shown.RootElement.GetProperty("mqtt");
        Assert.Equal(("box", "***", "ha", "***"), (mqtt.GetProperty("username").GetString(), mqtt.GetProperty("password").GetString(),
            mqtt.GetProperty("users")[0].GetProperty("username").GetString(), mqtt.GetProperty("users")[0].GetProperty("password").GetString()));
        Assert.Equal("rtsp://admin:***@10.0.0.9:554/s", shown.RootElement.GetProperty("cameras")[0].GetProperty("url").GetString());
        Assert.Equal("rtsp://10.0.0.10/live?user=admin&password=***", shown.RootElement.GetProperty("cameras")[1].GetProperty("url").GetString());
        Assert.Equal(0, shown.RootElement.GetProperty("rules").GetArrayLength());
        Assert.Equal(30, shown.RootElement.GetProperty("storage").GetProperty("retainDays").GetInt32());   // defaults filled in
        Assert.StartsWith("//", outputs[0].Stdout, StringComparison.Ordinal);
        Assert.Contains("2 cameras, 0 zones", outputs[2].Stdout, StringComparison.Ordinal);

        // An invalid file: exit 2 with the loader's message naming the file and the key.
        await File.WriteAllTextAsync(Config, """{ "cameras": [ { "id": "gate", "url": "rtsp://x/s", "transprt": "udp" } ] }""");
        var invalid = await RunAsync("config", "validate", "--config", Config);
        Assert.True(invalid.ExitCode == 2, invalid.ToString());
        Assert.Contains(Config, invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("transprt", invalid.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Camera_add_probes_a_real_rtsp_stream_and_a_failed_probe_saves_nothing()
    {
        using var server = await RtspTestServer.StartAsync("lobby");
        await WriteSiteAsync("{}");
        var add = await RunAsync("camera", "add", "lobby", "--url", server.UrlFor("lobby"), "--transport", "udp", "--config", Config);
        Assert.True(add.ExitCode == 0, add + "\n" + server.Output);
        Assert.Contains($"{TestClip.Width}x{TestClip.Height}", add.Stdout, StringComparison.Ordinal);
        var camera = Watchpost.Configuration.WatchpostOptionsLoader.Load(Config).Cameras.Single();
        Assert.Equal(("lobby", "udp", server.UrlFor("lobby")), (camera.Id, camera.Transport, camera.Url));

        // Without --transport: TCP first, then UDP, which this server serves; the transport that worked is saved.
        var fallback = await RunAsync("camera", "add", "lobby2", "--url", server.UrlFor("lobby"), "--probe-timeout", "8", "--config", Config);
        Assert.True(fallback.ExitCode == 0, fallback + "\n" + server.Output);
        Assert.Equal("udp", Watchpost.Configuration.WatchpostOptionsLoader.Load(Config).Cameras.Single(c => c.Id == "lobby2").Transport);

        const string Password = "Cl0sedPa55";
        var before = await File.ReadAllBytesAsync(Config);
        var closed = await RunAsync("camera", "add", "dead", "--url", $"rtsp://admin:{Password}@127.0.0.1:{FreePort.Tcp()}/stream", "--probe-timeout", "5", "--config", Config);
        Assert.True(closed.ExitCode == 1, closed.ToString());
        Assert.Contains("--no-probe", closed.Stderr, StringComparison.Ordinal);
        Assert.Contains("Fix: ", closed.Stderr, StringComparison.Ordinal);   // the probe's hint in installer terms
        Assert.Contains("camera 'dead'", closed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, closed.Stdout + closed.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Config));
    }

    private static System.Text.Json.Nodes.JsonNode JsonNodeOf(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!;

    /// <summary>An edit as the console's editor makes it (the file as the service's own code writes it).</summary>
    private Task<Watchpost.Configuration.WatchpostOptions> EditAsync(Action<System.Text.Json.Nodes.JsonObject> change) => new SiteFileEditor(Config).EditAsync(change, null, null, CancellationToken.None);

    private async Task WriteSiteAsync(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        var site = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        site["storage"] = new System.Text.Json.Nodes.JsonObject { ["path"] = _folder.File("data") };
        await SiteFileEditor.WriteNewAsync(Config, site, CancellationToken.None);
    }

    private Task<WatchpostProcess.Result> RunAsync(params string[] arguments) => WatchpostProcess.RunAsync(arguments, _folder.Path);

    /// <summary>Runs a verb that must be refused: exit code 2, the message naming <paramref name="names"/> and <paramref name="expected"/>, the file unchanged byte for byte.</summary>
    private async Task<WatchpostProcess.Result> RefusedAsync(string[] verb, string names, string expected)
    {
        var before = await File.ReadAllBytesAsync(Config);
        var result = await RunAsync([.. verb, "--config", Config]);
        Assert.True(result.ExitCode == 2, $"{string.Join(' ', verb)}: {result}");
        Assert.Contains(names, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Config));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(Config)!, "*.tmp"));
        return result;
    }
}
