using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// The embedded broker with Debian's mosquitto clients, which send no client id (MQTT 3.1.1) and expect one
/// assigned: the accounts and roles as a building controller's integrator would try them.
/// </summary>
public sealed class EmbeddedBrokerMosquittoClientTests : IAsyncLifetime
{
    private const string Root = EmbeddedBrokerSite.Root;
    private readonly TempFolder _storage = new();
    private EmbeddedMqttBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = new EmbeddedMqttBroker(EmbeddedBrokerSite.Create(_storage.Path, EmbeddedBrokerSite.WithUsers()), NullLogger<EmbeddedMqttBroker>.Instance);
        await _broker.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _storage.Dispose();
    }

    private string Url(string username) =>
        _broker.EndpointFor(_broker.Credentials.Find(username) ?? _broker.Credentials.Appliance).ToUrl(includeCredentials: true);

    private string Port => _broker.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_controller_mosquitto_sub_receives_what_the_appliance_publishes()
    {
        using var subscriber = Start("mosquitto_sub", "-L", $"{Url("ops")}/{Root}/alerts", "-C", "1", "-W", "20");
        var received = subscriber.StandardOutput.ReadLineAsync();

        // Publish until the subscriber, which connects in the background, has its subscription in place.
        for (var attempt = 0; attempt < 40 && !received.IsCompleted; attempt++)
        {
            var (code, error) = await RunAsync("mosquitto_pub", "-L", $"{_broker.ConnectionUrl}/{Root}/alerts", "-m", "hello", "-q", "1");
            Assert.True(code == 0, $"mosquitto_pub failed: {error}");
            await Task.WhenAny(received, Task.Delay(250));
        }

        Assert.Equal("hello", await received);
        await subscriber.WaitForExitAsync();
        Assert.Equal(0, subscriber.ExitCode);
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Anonymous_and_wrong_password_mosquitto_clients_are_refused(string version)
    {
        var (anonymous, anonymousError) = await RunAsync("mosquitto_sub", "-V", version, "-h", "127.0.0.1", "-p", Port, "-t", $"{Root}/#", "-C", "1", "-W", "10");
        Assert.NotEqual(0, anonymous);
        Assert.Contains("bad user name or password", anonymousError, StringComparison.OrdinalIgnoreCase);

        var (wrong, wrongError) = await RunAsync("mosquitto_sub", "-V", version, "-h", "127.0.0.1", "-p", Port, "-u", "bms", "-P", "wrong", "-t", $"{Root}/#", "-C", "1", "-W", "10");
        Assert.NotEqual(0, wrong);
        Assert.Contains("bad user name or password", wrongError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_controller_mosquitto_pub_sends_commands_and_no_alerts_and_a_viewer_sends_nothing()
    {
        await using var appliance = await EmbeddedBrokerClient.ConnectAsync(
            EmbeddedBrokerClient.OptionsFor(_broker.Port, _broker.Username, _broker.Password).Build());
        await appliance.SubscribeAsync("#");

        foreach (var version in new[] { "mqttv311", "mqttv5" })
        {
            var (_, forgedError) = await RunAsync("mosquitto_pub", "-V", version, "-L", $"{Url("bms")}/{Root}/alerts", "-m", "forged", "-q", "1");
            await RunAsync("mosquitto_pub", "-V", version, "-L", $"{Url("bms")}/{Root}/cmd/arm/result", "-m", "forged", "-q", "1");
            var (_, viewerError) = await RunAsync("mosquitto_pub", "-V", version, "-L", $"{Url("screen")}/{Root}/cmd/disarm", "-m", "forged", "-q", "1");
            var (command, commandError) = await RunAsync("mosquitto_pub", "-V", version, "-L", $"{Url("bms")}/{Root}/cmd/arm", "-m", version, "-q", "1");
            Assert.True(command == 0, $"{version} cmd/arm: {commandError}");
            if (version == "mqttv5")
            {
                // MQTT 5 carries the refusal back; MQTT 3.1.1 acknowledges and drops.
                Assert.Contains("not authori", forgedError, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("not authori", viewerError, StringComparison.OrdinalIgnoreCase);
            }

            Assert.NotNull(await appliance.WaitForAsync(m => m.Topic == $"{Root}/cmd/arm" && m.Payload == version, TimeSpan.FromSeconds(10)));
        }

        await Task.Delay(500);
        Assert.DoesNotContain(appliance.Received, m => m.Payload == "forged");
    }

    [Fact]
    public async Task A_controller_mosquitto_sub_cannot_take_the_appliance_client_id()
    {
        await using var appliance = await EmbeddedBrokerClient.ConnectAsync(
            EmbeddedBrokerClient.OptionsFor(_broker.Port, _broker.Username, _broker.Password, clientId: "watchpost-" + EmbeddedBrokerSite.DeviceId).Build());

        var (code, error) = await RunAsync("mosquitto_sub", "-L", $"{Url("bms")}/{Root}/#", "-i", "watchpost-" + EmbeddedBrokerSite.DeviceId, "-C", "1", "-W", "10");

        Assert.NotEqual(0, code);
        Assert.Contains("identifier rejected", error, StringComparison.OrdinalIgnoreCase);
        Assert.True(appliance.Client.IsConnected);
    }

    private static async Task<(int Code, string Error)> RunAsync(string program, params string[] arguments)
    {
        using var process = Start(program, arguments);
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
    }
}
