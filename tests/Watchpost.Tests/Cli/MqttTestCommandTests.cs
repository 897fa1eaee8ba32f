using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// `watchpost mqtt test` run as the real executable: against a real mosquitto that requires a password (its
/// password file written by mosquitto_passwd), a closed port, and the service's own embedded broker class.
/// </summary>
public sealed class MqttTestCommandTests : IDisposable
{
    private const string Password = "gate-Pw-7731x";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Round_trip_with_the_right_password_and_not_authorised_with_a_wrong_one_which_is_never_printed()
    {
        using var broker = await MosquittoBroker.StartAsync(extraConfig: folder =>
        {
            var file = Path.Join(folder, "passwords");
            using (var add = Process.Start("mosquitto_passwd", ["-b", "-c", file, "gatebox", Password]))
            {
                add!.WaitForExit();
            }

            return ["allow_anonymous false", $"password_file {file}"];
        });
        var url = $"mqtt://{MosquittoBroker.Host}:{broker.Port}";

        var ok = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site(url, "gatebox", Password), "--json");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        using (var json = JsonDocument.Parse(ok.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
            Assert.True(json.RootElement.GetProperty("round_trip_ms").GetDouble() > 0);
            Assert.Equal("gatebox", json.RootElement.GetProperty("username").GetString());
            Assert.StartsWith("watchpost/mqtt-gate/mqtt-test/", json.RootElement.GetProperty("topic").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Password, ok.Stdout + ok.Stderr, StringComparison.Ordinal);
        var text = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site(url, "gatebox", Password));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Round trip:", text.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("OK", text.Stdout.TrimEnd(), StringComparison.Ordinal);

        const string wrong = "not-the-Pw-9913";
        var refused = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site(url, "gatebox", wrong));
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("not authorised: the broker refused user 'gatebox': bad user name or password", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: check mqtt.username and mqtt.password", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, refused.Stdout + refused.Stderr, StringComparison.Ordinal);

        // The password inside the URL is not echoed either.
        var inUrl = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site($"mqtt://gatebox:{wrong}@{MosquittoBroker.Host}:{broker.Port}", null, null), "--json");
        Assert.True(inUrl.ExitCode == 1, inUrl.ToString());
        Assert.DoesNotContain(wrong, inUrl.Stdout + inUrl.Stderr, StringComparison.Ordinal);
        using var failed = JsonDocument.Parse(inUrl.Stdout);
        Assert.Equal("not_authorised", failed.RootElement.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_with_a_hint_and_a_bad_broker_url_is_bad_input()
    {
        var port = FreePort.Tcp();
        var closed = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site($"mqtt://127.0.0.1:{port}", "gatebox", Password), "--timeout", "5");
        Assert.True(closed.ExitCode == 1, closed.ToString());
        Assert.Contains($"unreachable: nothing accepts connections on 127.0.0.1:{port} (connection refused)", closed.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: check that the broker runs", closed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, closed.Stdout + closed.Stderr, StringComparison.Ordinal);

        var badUrl = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site("http://broker.example", "gatebox", Password));
        Assert.True(badUrl.ExitCode == 2, badUrl.ToString());
        Assert.Contains("mqtt.broker", badUrl.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mqtts_with_the_right_ca_file_round_trips_and_with_another_ca_fails_as_tls()
    {
        using var broker = await MosquittoBroker.StartAsync(extraConfig: folder =>
        {
            var ca = TestCertificates.Write(folder, "site", withServer: true);
            return [$"cafile {ca}", $"certfile {Path.Combine(folder, "server.pem")}", $"keyfile {Path.Combine(folder, "server.key")}"];
        });
        var url = $"mqtts://{MosquittoBroker.Host}:{broker.Port}";

        var ok = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site(url, null, null, caFile: Path.Combine(broker.Folder, "site-ca.pem")), "--json");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        using (var json = JsonDocument.Parse(ok.Stdout))
        {
            Assert.StartsWith("mqtts://", json.RootElement.GetProperty("broker").GetString(), StringComparison.Ordinal);
        }

        var otherCa = TestCertificates.Write(_folder.Path, "other", withServer: false);
        var refused = await WatchpostProcess.RunAsync("mqtt", "test", "--config", Site(url, null, null, caFile: otherCa));
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("tls: TLS to mqtts://127.0.0.1", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not chain to the CA in mqtt.caFile", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"hint: mqtt.caFile '{otherCa}' must hold the CA that signed the broker's certificate", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_broker_is_tested_with_the_controller_account_and_must_be_running()
    {
        var port = FreePort.Tcp();
        var site = Site(null, null, null, embeddedPort: port);
        var never = await WatchpostProcess.RunAsync("mqtt", "test", "--config", site);
        Assert.True(never.ExitCode == 1, never.ToString());
        Assert.Contains("has no password yet", never.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: start the service", never.Stderr, StringComparison.Ordinal);

        // The service's own broker (the class `watchpost run` starts), with its generated controller password.
        await using (var embedded = new EmbeddedMqttBroker(WatchpostOptionsLoader.Load(site), NullLogger<EmbeddedMqttBroker>.Instance))
        {
            await embedded.StartAsync(CancellationToken.None);
            var ok = await WatchpostProcess.RunAsync("mqtt", "test", "--config", site, "--json");
            Assert.True(ok.ExitCode == 0, ok.ToString());
            using var json = JsonDocument.Parse(ok.Stdout);
            Assert.True(json.RootElement.GetProperty("embedded").GetBoolean());
            Assert.Equal("controller", json.RootElement.GetProperty("username").GetString());
            Assert.Equal("watchpost/mqtt-gate/cmd/mqtt-test", json.RootElement.GetProperty("topic").GetString());
            Assert.False(json.RootElement.GetProperty("service_answered").GetBoolean());   // no command router here, only the broker
        }

        var stopped = await WatchpostProcess.RunAsync("mqtt", "test", "--config", site, "--timeout", "3");
        Assert.True(stopped.ExitCode == 1, stopped.ToString());
        Assert.Contains("unreachable", stopped.Stderr, StringComparison.Ordinal);
        Assert.Contains("the embedded broker runs inside the service", stopped.Stderr, StringComparison.Ordinal);
    }

    private string Site(string? broker, string? user, string? password, int embeddedPort = 0, string? caFile = null)
    {
        var path = _folder.File($"site-{Guid.NewGuid():N}.json");
        var mqtt = new Dictionary<string, object?> { ["embeddedPort"] = embeddedPort, ["embeddedListen"] = "127.0.0.1" };
        if (broker is not null)
        {
            mqtt = new Dictionary<string, object?> { ["broker"] = broker };
            if (caFile is not null)
            {
                mqtt["caFile"] = caFile;
            }

            if (user is not null)
            {
                mqtt["username"] = user;
                mqtt["password"] = password;
            }
        }

        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["site"] = new Dictionary<string, object?> { ["deviceId"] = "mqtt-gate" },
            ["mqtt"] = mqtt,
            ["storage"] = new Dictionary<string, object?> { ["path"] = _folder.File("data") },
        }));
        return path;
    }
}
