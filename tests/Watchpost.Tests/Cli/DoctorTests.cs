using System.Text.Json;
using System.Text.Json.Nodes;
using Watchpost.Cli.Doctor;
using Watchpost.Gpio;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// <c>watchpost doctor</c> run as the real executable on temporary site files, against a real mosquitto that
/// requires a password, a closed local port as the camera, and this machine's own ffmpeg, ONNX Runtime and (no) GPU.
/// </summary>
public sealed class DoctorTests
{
    private const string User = "site-user";
    private const string RightPassword = "Right-pass-4711";
    private const string WrongPassword = "Wrong-pass-0815";

    [Fact]
    public async Task Json_lists_every_check_and_each_failure_has_its_reason_and_a_hint_without_the_password()
    {
        using var folder = new TempFolder();
        using var broker = await MosquittoBroker.StartWithPasswordAsync(User, RightPassword);
        var closedPort = FreePort.Tcp();
        var site = WriteSite(folder, broker.Port, WrongPassword, modelPath: folder.File("absent.onnx"),
            camera: $"rtsp://admin:cam-secret-99@127.0.0.1:{closedPort}/stream");

        var run = await WatchpostProcess.RunAsync(["doctor", "--config", site, "--json", "--board", "jetson-orin-nano", "--camera-timeout", "2"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
        foreach (var check in checks.Values)
        {
            foreach (var key in new[] { "name", "status", "ok", "detail", "hint" })
            {
                Assert.True(check.TryGetProperty(key, out _), $"check without '{key}': {check}");
            }

            Assert.Equal(check.GetProperty("status").GetString() != "fail", check.GetProperty("ok").GetBoolean());
            if (check.GetProperty("status").GetString() == "fail")
            {
                Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("hint").GetString()), $"a failure without a hint: {check}");
            }
        }

        string[] expected =
        [
            "site file", "ffmpeg", "opencv", "model", "provider tensorrt", "provider cuda", "provider cpu", "disk", "event database", "mqtt",
            "gpio", "clock", "service", "board", "power mode", "udev rule 99-watchpost-gpio.rules", "hardware decode", "camera front",
        ];
        Assert.Equal(expected, checks.Keys);
        Assert.Equal("ok", Status(checks["ffmpeg"]));
        Assert.Equal("ok", Status(checks["opencv"]));

        // The missing model: failed, with the path and the fetch command.
        Assert.Equal("fail", Status(checks["model"]));
        Assert.Contains("absent.onnx", Detail(checks["model"]), StringComparison.Ordinal);
        Assert.Contains("watchpost model fetch", checks["model"].GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal("skip", Status(checks["provider cpu"]));

        // The closed port: failed with the connection's error, the camera's password masked.
        Assert.Equal("fail", Status(checks["camera front"]));
        Assert.Contains("connection refused", Detail(checks["camera front"]), StringComparison.OrdinalIgnoreCase);

        // The wrong MQTT password: refused by the broker, and the password is nowhere in what doctor printed.
        Assert.Equal("fail", Status(checks["mqtt"]));
        Assert.Contains($"127.0.0.1:{broker.Port}", Detail(checks["mqtt"]), StringComparison.Ordinal);
        Assert.Contains("password", checks["mqtt"].GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("cam-secret-99", run.Stdout + run.Stderr, StringComparison.Ordinal);

        // This x86 box has no GPU: the GPU providers are reported not available, with the reason, as warnings (cpu follows them).
        if (!File.Exists("/dev/nvidia0"))
        {
            foreach (var provider in new[] { "provider tensorrt", "provider cuda" })
            {
                Assert.Equal("warn", Status(checks[provider]));
                Assert.Contains("not available", Detail(checks[provider]), StringComparison.Ordinal);
                Assert.Contains("libcudart.so", Detail(checks[provider]), StringComparison.Ordinal);
                Assert.Contains("no NVIDIA GPU", Detail(checks[provider]), StringComparison.Ordinal);
                Assert.Contains("cuda-cudart-", checks[provider].GetProperty("hint").GetString(), StringComparison.Ordinal);
            }

            Assert.Contains("libnvinfer.so", Detail(checks["provider tensorrt"]), StringComparison.Ordinal);
        }

        // The Jetson board's file was read: not a Jetson here, nvpmodel absent, the udev rule not installed, no NVDEC ffmpeg.
        if (!File.Exists("/etc/nv_tegra_release"))
        {
            Assert.Equal("fail", Status(checks["board"]));
            Assert.Contains("Orin Nano", Detail(checks["board"]), StringComparison.Ordinal);
            Assert.Equal("skip", Status(checks["power mode"]));
            Assert.Contains("nvpmodel", Detail(checks["power mode"]), StringComparison.Ordinal);
            Assert.Contains("h264_nvv4l2dec", Detail(checks["hardware decode"]), StringComparison.Ordinal);
            Assert.Contains("repo.download.nvidia.com/jetson/ffmpeg", checks["hardware decode"].GetProperty("hint").GetString(), StringComparison.Ordinal);
        }

        if (!File.Exists("/etc/udev/rules.d/99-watchpost-gpio.rules"))
        {
            Assert.Equal("warn", Status(checks["udev rule 99-watchpost-gpio.rules"]));   // the site uses no pins yet
            Assert.Contains("udevadm", checks["udev rule 99-watchpost-gpio.rules"].GetProperty("hint").GetString(), StringComparison.Ordinal);
        }
    }

    [MediaFact("models/yolox_nano.onnx")]
    public async Task The_right_mqtt_password_and_a_valid_model_pass_in_the_table()
    {
        using var folder = new TempFolder();
        using var broker = await MosquittoBroker.StartWithPasswordAsync(User, RightPassword);
        var site = WriteSite(folder, broker.Port, RightPassword, modelPath: TestAssets.Model, camera: "rtsp://127.0.0.1:1/unused");
        Directory.CreateDirectory(folder.File("data"));
        using (new Watchpost.Events.LiteDbEventStore(Path.Combine(folder.File("data"), Watchpost.Events.LiteDbEventStore.DatabaseFileName)))
        {
            // An empty event log, as the service leaves it after its first start.
        }

        var run = await WatchpostProcess.RunAsync(["doctor", "--config", site, "--skip-cameras", "--board", "nuc-ft232h"]);

        var lines = run.Stdout.Split('\n');
        Assert.Matches(@"^CHECK\s+STATUS\s+DETAIL", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^mqtt\s+OK\s+mqtt://127\.0\.0\.1:{broker.Port}.*as {User}"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^model\s+OK\s+yolox-nano"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^provider cpu\s+OK"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^event database\s+OK\s+.*watchpost\.db: 0 events"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^disk\s+(OK|WARN|FAIL)\s+.* GB free in "));
        Assert.DoesNotContain(lines, l => l.StartsWith("camera ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("hardware decode ", StringComparison.Ordinal));   // the NUC's file: vaapi, qsv, cuda
        Assert.DoesNotContain(RightPassword, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("checks:", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        Assert.Equal(run.Stdout.Contains(" FAIL ", StringComparison.Ordinal) ? 1 : 0, run.ExitCode);
    }

    [Fact]
    public async Task The_embedded_broker_of_a_running_service_is_checked_with_the_controller_account_of_the_credentials_store()
    {
        using var folder = new TempFolder();
        var site = folder.File("site.json");
        var port = FreePort.Tcp();
        await File.WriteAllTextAsync(site, new JsonObject
        {
            ["site"] = new JsonObject { ["deviceId"] = "doctor-embedded" },
            ["detector"] = new JsonObject { ["modelPath"] = folder.File("absent.onnx") },
            ["storage"] = new JsonObject { ["path"] = folder.File("data") },
            ["mqtt"] = new JsonObject
            {
                ["embeddedPort"] = port,
                ["users"] = new JsonArray { new JsonObject { ["username"] = "bms", ["role"] = "controller" } },
            },
        }.ToJsonString());

        // The service's own broker on the site's port, its accounts generated into the storage folder as at a first start.
        await using var broker = new Watchpost.Mqtt.EmbeddedMqttBroker(Watchpost.Configuration.WatchpostOptionsLoader.Load(site),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Watchpost.Mqtt.EmbeddedMqttBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        var generated = broker.Credentials.Users.Single(u => u.Username == "bms").Password!;

        var run = await WatchpostProcess.RunAsync(["doctor", "--config", site, "--json", "--skip-cameras"]);

        using var json = JsonDocument.Parse(run.Stdout);
        var mqtt = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "mqtt");
        Assert.True(Status(mqtt) == "ok", run.ToString());
        Assert.Contains($"embedded broker mqtt://127.0.0.1:{port} accepts bms (controller)", Detail(mqtt), StringComparison.Ordinal);
        Assert.DoesNotContain(generated, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_site_file_is_reported_as_the_failed_site_file_check_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var site = folder.File("site.json");
        await File.WriteAllTextAsync(site, """{ "site": { "deviceId": "x" }, "camras": [] }""");

        var run = await WatchpostProcess.RunAsync(["doctor", "--config", site, "--json"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(site, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("camras", run.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Stdout);
        var only = Assert.Single(json.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("site file", only.GetProperty("name").GetString());
        Assert.Equal("fail", Status(only));
        Assert.Contains("camras", Detail(only), StringComparison.Ordinal);

        var board = await WatchpostProcess.RunAsync(["doctor", "--config", site, "--board", "raspberry-pi"]);
        Assert.True(board.ExitCode == 2, board.ToString());
        Assert.Contains("--board 'raspberry-pi'", board.Stderr, StringComparison.Ordinal);
        Assert.Contains("jetson-orin-nano", board.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_board_file_loads_as_a_pin_map_and_its_platform_names_files_that_are_built_in()
    {
        Assert.Equal(["jetson-orin-nano", "jetson-orin-nx", "none", "nuc-ft232h"], BoardMaps.Names);
        Assert.Null(BoardMaps.Find("none")!.Platform);
        foreach (var name in new[] { "jetson-orin-nano", "jetson-orin-nx", "nuc-ft232h" })
        {
            var platform = BoardMaps.Find(name)!.Platform;
            Assert.NotNull(platform);
            Assert.NotEmpty(platform.Decode);
            Assert.NotEmpty(platform.Variants);
            var rule = Assert.Single(platform.UdevRules);
            Assert.Contains("GROUP=\"gpio\"", BoardFiles.Read(rule.File), StringComparison.Ordinal);
            Assert.NotEmpty(BoardMaps.Find(name)!.Pins);
        }

        var nano = BoardMaps.Find("jetson-orin-nano")!.Platform!;
        Assert.Equal("nvpmodel", nano.PowerMode!.Tool);
        Assert.False(nano.Identity!.WarnOnly);
        Assert.True(BoardMaps.Find("nuc-ft232h")!.Platform!.Identity!.WarnOnly);
        Assert.Null(BoardMaps.Find("nuc-ft232h")!.Platform!.PowerMode);

        // A platform section with only what is required still gives empty lists, not nulls.
        var minimal = BoardMaps.Parse("""{ "board": "x", "driver": "none", "pins": [], "platform": { "os": "test" } }""", "test");
        Assert.Empty(minimal.Platform!.UdevRules);
        Assert.Empty(minimal.Platform.Decode);
        Assert.Empty(minimal.Platform.Notes);
    }

    [Fact]
    public void The_check_list_has_one_provider_check_per_configured_provider_and_one_check_per_camera()
    {
        var options = new Watchpost.Configuration.WatchpostOptions();
        options.Detector.Providers = ["cuda", "cpu"];
        options.Cameras.Add(new Watchpost.Configuration.CameraOptions { Id = "a", Url = "rtsp://h/a" });
        options.Cameras.Add(new Watchpost.Configuration.CameraOptions { Id = "b", Url = "rtsp://h/b" });

        var names = DoctorChecks.For(options, BoardMaps.Find("none")!, skipCameras: false).Select(c => c.Name).ToList();
        var skipped = DoctorChecks.For(options, BoardMaps.Find("jetson-orin-nx")!, skipCameras: true).Select(c => c.Name).ToList();

        Assert.Equal(["provider cuda", "provider cpu"], names.Where(n => n.StartsWith("provider ", StringComparison.Ordinal)));
        Assert.Equal(["camera a", "camera b"], names.Where(n => n.StartsWith("camera ", StringComparison.Ordinal)));
        Assert.DoesNotContain("power mode", names);
        Assert.DoesNotContain(skipped, n => n.StartsWith("camera ", StringComparison.Ordinal));
        Assert.Contains("power mode", skipped);
        Assert.Contains("hardware decode", skipped);
    }

    private static string Status(JsonElement check) => check.GetProperty("status").GetString()!;

    private static string Detail(JsonElement check) => check.GetProperty("detail").GetString()!;

    private static string WriteSite(TempFolder folder, int brokerPort, string password, string modelPath, string camera)
    {
        var site = new JsonObject
        {
            ["site"] = new JsonObject { ["deviceId"] = "doctor-test" },
            ["detector"] = new JsonObject { ["modelPath"] = modelPath },
            ["storage"] = new JsonObject { ["path"] = folder.File("data") },
            ["mqtt"] = new JsonObject { ["broker"] = $"mqtt://127.0.0.1:{brokerPort}", ["username"] = User, ["password"] = password },
            ["cameras"] = new JsonArray { new JsonObject { ["id"] = "front", ["url"] = camera } },
        };
        var path = folder.File("site.json");
        File.WriteAllText(path, site.ToJsonString());
        return path;
    }
}
