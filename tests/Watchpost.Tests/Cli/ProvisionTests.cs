using System.Runtime.Versioning;
using Watchpost.Configuration;
using Watchpost.Tests.Support;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Cli;

/// <summary>
/// `watchpost provision`, through the real executable: the example site of docs/examples provisioned for real
/// (site file through the loader, console users through their store), idempotence down to the file's bytes and
/// mtime, --dry-run showing exactly one edit, and bad files refused as a whole with file, line and field.
/// </summary>
public sealed class ProvisionTests
{
    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["WATCHPOST_CAMERA_PASSWORD"] = "Cam-Sekret-0815",
        ["WATCHPOST_MQTT_PASSWORD"] = "Mqtt-Sekret-4711",
        ["WATCHPOST_ADMIN_PASSWORD"] = "Admin-Sekret-2718",
        ["WATCHPOST_GUARD1_PASSWORD"] = "Guard-Sekret-3141",
        ["WATCHPOST_SCREEN_PASSWORD"] = "Screen-Sekret-1618",
    };

    [Fact]
    public async Task The_example_site_is_provisioned_then_nothing_changes_then_one_edit_shows_and_applies()
    {
        using var folder = new TempFolder();
        var config = folder.File("etc/watchpost.json");
        var data = folder.File("data");
        var yaml = Example(folder, "site.yaml", data);
        var outputs = new List<WatchpostProcess.Result>();

        var first = await Provision(outputs, folder, yaml, config);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("+ cameras[gate-1]", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ rules[lobby-intrusion]", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ mqtt.password: ***", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ user guard1 (operator)", first.Stdout, StringComparison.Ordinal);

        // The file loads as `watchpost run` loads it, secrets put in; the users log in with their passwords.
        var site = WatchpostOptionsLoader.Load(config);
        Assert.Equal(["gate-1", "yard-1"], site.Cameras.Select(c => c.Id));
        Assert.Equal(5, site.Rules.Count);
        Assert.Equal(2, site.Rules.Single(r => r.Id == "lobby-intrusion").Schedule.Count);
        Assert.Equal(2, site.Rules.Single(r => r.Id == "yard-vehicle").Schedule.Count);   // the YAML alias *nights
        Assert.Equal("Mqtt-Sekret-4711", site.Mqtt.Password);
        Assert.Equal("rtsp://viewer:Cam-Sekret-0815@10.0.0.21:554/stream2", site.Cameras[0].Url);
        Assert.Equal(["lobby-door"], site.Gpio.Inputs.Select(i => i.Name));
        Assert.Equal("lobby-intrusion", site.Gpio.Outputs.Single().OnRules.Single().Rule);
        var store = new ConsoleUserStore(data);
        Assert.Equal(ConsoleRole.Operator, store.Verify("guard1", "Guard-Sekret-3141")?.Role);
        Assert.Equal(ConsoleRole.Admin, store.Verify("admin", "Admin-Sekret-2718")?.Role);
        Assert.Equal(ConsoleRole.Viewer, store.Verify("lobby-screen", "Screen-Sekret-1618")?.Role);

        // Again, from the YAML and from its JSON twin: nothing to change, the file not touched at all.
        var bytes = await File.ReadAllBytesAsync(config);
        var written = File.GetLastWriteTimeUtc(config);
        var users = await File.ReadAllBytesAsync(store.FilePath);
        foreach (var again in new[] { yaml, Example(folder, "site.json", data) })
        {
            var result = await Provision(outputs, folder, again, config);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("nothing to change", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(bytes, await File.ReadAllBytesAsync(config));
        Assert.Equal(written, File.GetLastWriteTimeUtc(config));
        Assert.Equal(users, await File.ReadAllBytesAsync(store.FilePath));

        // One value edited: --dry-run shows exactly that change and writes nothing; then it is applied.
        var text = await File.ReadAllTextAsync(yaml);
        var at = text.IndexOf("durationSeconds: 2\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(yaml, string.Concat(text.AsSpan(0, at), "durationSeconds: 3\n", text.AsSpan(at + "durationSeconds: 2\n".Length)));
        var dry = await Provision(outputs, folder, yaml, config, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(["~ rules[lobby-intrusion].durationSeconds: 2 -> 3"], ChangeLines(dry.Stdout));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(config));
        Assert.Equal(written, File.GetLastWriteTimeUtc(config));

        var apply = await Provision(outputs, folder, yaml, config, "--json");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("""{"kind":"change","path":"rules[lobby-intrusion].durationSeconds","from":"2","to":"3"}""", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"applied\":true", apply.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, ((Watchpost.Behaviours.Intrusion.IntrusionRuleOptions)WatchpostOptionsLoader.Load(config).Rules[0]).DurationSeconds);

        NoSecretIn(outputs);
    }

    [Fact]
    public async Task A_bad_site_file_is_refused_as_a_whole_with_file_line_and_field_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var config = folder.File("watchpost.json");
        var data = folder.File("data");
        await File.WriteAllTextAsync(config, $$"""{ "site": { "deviceId": "before" }, "storage": { "path": "{{data}}" } }""");
        var before = await File.ReadAllBytesAsync(config);
        var outputs = new List<WatchpostProcess.Result>();
        var good = $"""
            storage:
              path: {data}
            cameras:
              - id: gate-1
                url: rtsp://10.0.0.21/stream
            zones:
              - id: lobby
                camera: gate-1
                polygon: [[0, 0], [100, 0], [100, 100]]
            rules:
              - id: lobby-intrusion
                type: intrusion
                zone: lobby
            users:
              - name: guard1
                role: operator
                password: ${"{"}WATCHPOST_GUARD1_PASSWORD{"}"}

            """;

        // YAML syntax: the line and column of the fault.
        var syntax = await Refused(outputs, folder, "syntax.yaml", good.Replace("  - id: lobby\n", "  - id: lobby\n   camera: [\n", StringComparison.Ordinal), config);
        Assert.Matches(@"syntax\.yaml:\d+:\d+: not valid YAML", syntax.Stderr);

        // The loader's field (a rule's unknown zone) and a camera URL the ingest code cannot read: both, each on its line.
        var semantic = good.Replace("    zone: lobby", "    zone: nowhere", StringComparison.Ordinal).Replace("rtsp://10.0.0.21/stream", "rtsp//10.0.0.21/stream", StringComparison.Ordinal);
        var refused = await Refused(outputs, folder, "semantic.yaml", semantic, config);
        Assert.Contains($"semantic.yaml:{LineOf(semantic, "zone: nowhere")}: rules[0] ('lobby-intrusion').zone: no zone has the id 'nowhere'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"semantic.yaml:{LineOf(semantic, "rtsp//")}: cameras[0].url: camera 'gate-1': url 'rtsp//10.0.0.21/stream'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("refused as a whole, nothing was changed (2 problems)", refused.Stderr, StringComparison.Ordinal);

        // The same in JSON: a data annotation of the second camera, found on its line.
        var json = $$"""
            {
              // two cameras, the second with a transport that does not exist
              "storage": { "path": "{{data}}" },
              "cameras": [
                { "id": "a", "url": "rtsp://10.0.0.1/s", "transport": "tcp" },
                { "id": "b", "url": "rtsp://10.0.0.2/s",
                  "transport": "sctp" }
              ]
            }
            """;
        var annotated = await Refused(outputs, folder, "bad.json", json, config);
        Assert.Contains($"bad.json:{LineOf(json, "sctp")}: cameras[1].transport: transport must be 'tcp' or 'udp'", annotated.Stderr, StringComparison.Ordinal);
        var jsonSyntax = await Refused(outputs, folder, "syntax.json", json.Replace("\"tcp\" }", "\"tcp\" ", StringComparison.Ordinal), config);
        Assert.Matches(@"syntax\.json:\d+:\d+: not valid JSON", jsonSyntax.Stderr);

        // A secret that is not set, and a password written in clear.
        var unset = await Refused(outputs, folder, "unset.yaml", good, config, environment: new() { ["WATCHPOST_GUARD1_PASSWORD"] = null });
        Assert.Contains($"unset.yaml:{LineOf(good, "password:")}: users[0].password: ${{WATCHPOST_GUARD1_PASSWORD}}: the variable WATCHPOST_GUARD1_PASSWORD is not set", unset.Stderr, StringComparison.Ordinal);
        var inClear = good + "mqtt:\n  broker: mqtt://10.0.0.5:1883\n  password: hunter2-in-clear\n";
        var clear = await Refused(outputs, folder, "clear.yaml", inClear, config);
        Assert.Contains($"clear.yaml:{LineOf(inClear, "hunter2")}: mqtt.password: a password is not written in clear", clear.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-in-clear", clear.Stderr, StringComparison.Ordinal);

        Assert.Equal(before, await File.ReadAllBytesAsync(config));
        Assert.False(File.Exists(Path.Combine(data, ConsoleUserStore.FileName)));
        NoSecretIn(outputs);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Secrets_come_from_a_private_file_only_and_are_never_printed()
    {
        using var folder = new TempFolder();
        var config = folder.File("watchpost.json");
        var data = folder.File("data");
        var site = "site.yaml";
        await File.WriteAllTextAsync(folder.File(site), $"storage:\n  path: {data}\nmqtt:\n  broker: mqtt://10.0.0.5:1883\n  username: box\n  password: ${{MQTT_PASS}}\n");
        const string secrets = "secrets.env";
        await File.WriteAllTextAsync(folder.File(secrets), "# the site's secrets\nMQTT_PASS=From-File-Sekret-99\n");
        var outputs = new List<WatchpostProcess.Result>();

        File.SetUnixFileMode(folder.File(secrets), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var shared = await Run(outputs, folder, ["provision", site, "--config", config, "--secrets", secrets]);
        Assert.True(shared.ExitCode == 2, shared.ToString());
        Assert.Contains($"--secrets {secrets}: the file has mode 0644", shared.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(config));

        File.SetUnixFileMode(folder.File(secrets), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var dry = await Run(outputs, folder, ["provision", site, "--config", config, "--secrets", secrets, "--dry-run"]);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("+ mqtt.password: ***", dry.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(config));

        var applied = await Run(outputs, folder, ["provision", site, "--config", config, "--secrets", secrets]);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("From-File-Sekret-99", WatchpostOptionsLoader.Load(config).Mqtt.Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        Assert.All(outputs, o => Assert.DoesNotContain("From-File-Sekret-99", o.Stdout + o.Stderr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_get_their_role_and_password_and_unlisted_ones_are_kept_unless_pruned()
    {
        using var folder = new TempFolder();
        var config = folder.File("watchpost.json");
        var data = folder.File("data");
        var store = new ConsoleUserStore(data);
        store.Add("guard1", ConsoleRole.Viewer, "an-old-password-1");
        store.Add("chief", ConsoleRole.Admin, "Chief-Sekret-5555");
        store.Add("leaver", ConsoleRole.Operator, "an-old-password-2");
        const string site = "site.yaml";
        await File.WriteAllTextAsync(folder.File(site), $"storage:\n  path: {data}\nusers:\n  - {{ name: guard1, role: operator, password: \"${{WATCHPOST_GUARD1_PASSWORD}}\" }}\n  - {{ name: chief, role: admin, password: \"${{CHIEF}}\" }}\n");
        var environment = new Dictionary<string, string?>(Secrets) { ["CHIEF"] = "Chief-Sekret-5555" };
        var outputs = new List<WatchpostProcess.Result>();

        var dry = await Run(outputs, folder, ["provision", site, "--config", config, "--dry-run"], environment);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        var lines = ChangeLines(dry.Stdout);
        Assert.Contains("~ user guard1.role: viewer -> operator", lines);
        Assert.Contains("~ user guard1.password: *** -> ***  (the stored password does not match)", lines);
        Assert.Contains("= user leaver (operator)  (not in the provisioning file: kept; --prune-users removes it)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("chief", StringComparison.Ordinal));
        Assert.Equal(ConsoleRole.Viewer, store.Verify("guard1", "an-old-password-1")?.Role);

        var pruned = await Run(outputs, folder, ["provision", site, "--config", config, "--prune-users"], environment);
        Assert.True(pruned.ExitCode == 0, pruned.ToString());
        Assert.Contains("- user leaver (operator)", pruned.Stdout, StringComparison.Ordinal);
        Assert.Equal(["chief", "guard1"], store.List().Select(u => u.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ConsoleRole.Operator, store.Verify("guard1", "Guard-Sekret-3141")?.Role);
        Assert.Null(store.Verify("guard1", "an-old-password-1"));

        var again = await Run(outputs, folder, ["provision", site, "--config", config, "--prune-users"], environment);
        Assert.Contains("nothing to change", again.Stdout, StringComparison.Ordinal);
        NoSecretIn(outputs);
        Assert.All(outputs, o => Assert.DoesNotContain("Chief-Sekret-5555", o.Stdout + o.Stderr, StringComparison.Ordinal));
    }

    /// <summary>The example of docs/examples, its storage folder moved into the test's folder.</summary>
    private static string Example(TempFolder folder, string name, string data)
    {
        var copy = folder.File(name);
        File.WriteAllText(copy, File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "examples", name)).Replace("/var/lib/watchpost", data, StringComparison.Ordinal));
        return copy;
    }

    private static Task<WatchpostProcess.Result> Provision(List<WatchpostProcess.Result> outputs, TempFolder folder, string file, string config, params string[] more) =>
        Run(outputs, folder, ["provision", Path.GetFileName(file), "--config", config, .. more]);

    private static async Task<WatchpostProcess.Result> Refused(
        List<WatchpostProcess.Result> outputs, TempFolder folder, string name, string content, string config, Dictionary<string, string?>? environment = null)
    {
        await File.WriteAllTextAsync(folder.File(name), content);
        var variables = new Dictionary<string, string?>(Secrets);
        foreach (var (key, value) in environment ?? [])
        {
            variables[key] = value;
        }

        var result = await Run(outputs, folder, ["provision", name, "--config", config], variables);
        Assert.True(result.ExitCode == 2, result.ToString());
        return result;
    }

    /// <summary>Runs in the test's folder, with the example's secrets in the environment unless told otherwise.</summary>
    private static async Task<WatchpostProcess.Result> Run(List<WatchpostProcess.Result> outputs, TempFolder folder, string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var result = await WatchpostProcess.RunAsync(arguments, folder.Path, environment ?? Secrets);
        outputs.Add(result);
        return result;
    }

    private static List<string> ChangeLines(string stdout) =>
        [.. stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 2 && "+-~=".Contains(l[0], StringComparison.Ordinal) && l[1] == ' ')];

    private static int LineOf(string text, string what) => text[..text.IndexOf(what, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static void NoSecretIn(List<WatchpostProcess.Result> outputs)
    {
        foreach (var output in outputs)
        {
            foreach (var secret in Secrets.Values)
            {
                Assert.DoesNotContain(secret!, output.Stdout + output.Stderr, StringComparison.Ordinal);
            }
        }
    }
}
