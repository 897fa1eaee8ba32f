using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Watchpost.Cli;
using Watchpost.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Hosting;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// `watchpost run` as a new user meets it: the appliance host with its embedded broker, `watchpost mqtt
/// credentials --json`, and mosquitto_sub with exactly what that printed.
/// </summary>
public sealed class EmbeddedBrokerEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Mosquitto_sub_with_the_credentials_the_cli_shows_hears_the_appliance_online()
    {
        var port = FreePort.Tcp();
        var site = WriteSite(port, """[{ "username": "bms", "role": "controller" }, { "username": "lobby-screen", "role": "viewer", "password": "from-the-site-file-0123" }]""");
        var app = ApplianceHost.Build(WatchpostOptionsLoader.Load(site));
        await app.StartAsync();
        try
        {
            var (code, stdout, stderr) = await CliAsync("mqtt", "credentials", "--config", site, "--json");
            Assert.True(code == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal($"mqtt://127.0.0.1:{port}", root.GetProperty("broker").GetString());
            Assert.Equal("watchpost/gate-e2e/#", root.GetProperty("topics").GetString());
            var users = root.GetProperty("users").EnumerateArray().ToList();
            Assert.Equal(["bms", "lobby-screen"], users.Select(u => u.GetProperty("username").GetString()));
            Assert.Equal(["controller", "viewer"], users.Select(u => u.GetProperty("role").GetString()));
            Assert.Equal(["generated", "site_file"], users.Select(u => u.GetProperty("password_source").GetString()));
            var bms = users[0];
            var password = bms.GetProperty("password").GetString()!;
            Assert.True(password.Length >= 24);
            Assert.Equal($"mqtt://bms:{password}@127.0.0.1:{port}", bms.GetProperty("url").GetString());

            // The appliance connects in the background; whoever publishes its availability, it is the appliance's own client.
            var appliance = app.Services.GetRequiredService<Watchpost.Mqtt.EmbeddedMqttBroker>();
            Assert.True(await Poll.UntilAsync(async () => await appliance.ConnectedClientIdsAsync() is var ids && ids.Contains("watchpost-gate-e2e"), TimeSpan.FromSeconds(30)),
                "the appliance did not connect to its embedded broker");

            // Up to three tries of 10 s. Twice in about 20 runs, each the first run after a build, one 30-s mosquitto_sub
            // heard nothing although the appliance was connected; the cause is not found (suspected: a subscription racing
            // the appliance's first retained publish inside MQTTnet). Every try is in the failure message.
            var tries = new List<string>();
            var online = "";
            for (var attempt = 0; attempt < 3 && online != "online"; attempt++)
            {
                var (subscribed, heard, error) = await MosquittoSubAsync("-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-u", "bms", "-P", password, "-t", "watchpost/gate-e2e/availability", "-C", "1", "-W", "10");
                online = subscribed == 0 ? heard.Trim() : "";
                tries.Add($"exit {subscribed}: {heard.Trim()} {error.Trim()}");
            }

            Assert.True(online == "online", "mosquitto_sub: " + string.Join(" | ", tries));

            // The viewer's URL as printed works too.
            var (viewerCode, viewerOnline, viewerError) = await MosquittoSubAsync("-L", users[1].GetProperty("url").GetString() + "/watchpost/gate-e2e/availability", "-C", "1", "-W", "30");
            Assert.True(viewerCode == 0, $"mosquitto_sub as viewer: {viewerError}");
            Assert.Equal("online", viewerOnline.Trim());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        // The next start keeps the password the CLI showed.
        var again = await CliAsync("mqtt", "credentials", "--config", site);
        Assert.Equal(0, again.Code);
        await using var second = ApplianceHost.Build(WatchpostOptionsLoader.Load(site));
        await second.StartAsync();
        await second.StopAsync();
        Assert.Equal(again.Stdout, (await CliAsync("mqtt", "credentials", "--config", site)).Stdout);
    }

    [Fact]
    public async Task The_cli_shows_a_default_controller_and_says_when_the_service_has_not_generated_its_password()
    {
        var site = WriteSite(FreePort.Tcp(), "[]");

        var (code, stdout, _) = await CliAsync("mqtt", "credentials", "--config", site);

        Assert.Equal(1, code);
        Assert.Contains("controller", stdout, StringComparison.Ordinal);
        Assert.Contains("not generated yet", stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^watchpost\s", stdout);   // the appliance's own account is not shown
        Assert.False(File.Exists(_folder.File("data/mqtt-credentials.json")));
    }

    [Fact]
    public async Task The_cli_refuses_a_site_with_an_external_broker()
    {
        var site = _folder.File("external.json");
        await File.WriteAllTextAsync(site, """{ "site": { "deviceId": "gate-e2e" }, "mqtt": { "broker": "mqtt://10.0.0.5:1883" } }""");

        var (code, _, stderr) = await CliAsync("mqtt", "credentials", "--config", site);

        Assert.Equal(2, code);
        Assert.Contains("mqtt.broker is set: credentials are those of your broker", stderr, StringComparison.Ordinal);
        Assert.Equal(2, await WatchpostCli.InvokeAsync(["mqtt", "credentials", "--config", site]));
    }

    private string WriteSite(int mqttPort, string users)
    {
        var path = _folder.File("watchpost.json");
        File.WriteAllText(path, $$"""
            {
              "site": { "deviceId": "gate-e2e" },
              "mqtt": { "embeddedPort": {{mqttPort}}, "users": {{users}} },
              "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} },
              "console": { "listen": "http://127.0.0.1:{{FreePort.Tcp()}}" }
            }
            """);
        return path;
    }

    /// <summary>The verb through the executable's own command tree, in this process, with its output captured.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WatchpostCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(int Code, string Stdout, string Stderr)> MosquittoSubAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("mosquitto_sub") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto_sub did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
