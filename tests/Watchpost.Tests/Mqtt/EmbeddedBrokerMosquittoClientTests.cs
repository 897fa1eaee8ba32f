using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Configuration;
using Watchpost.Mqtt;

namespace Watchpost.Tests.Mqtt;

/// <summary>The embedded broker with Debian's mosquitto clients, which send no client id (MQTT 3.1.1) and expect one assigned.</summary>
public sealed class EmbeddedBrokerMosquittoClientTests
{
    [Fact]
    public async Task Mosquitto_sub_on_the_printed_address_receives_what_mosquitto_pub_sends()
    {
        await using var broker = new EmbeddedMqttBroker(new MqttOptions { EmbeddedPort = 0 }, NullLogger<EmbeddedMqttBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);
        var url = broker.ConnectionUrl + "/watchpost/test/alerts";

        using var subscriber = Start("mosquitto_sub", "-L", url, "-C", "1", "-W", "20");
        var received = subscriber.StandardOutput.ReadLineAsync();

        // Publish until the subscriber, which connects in the background, has its subscription in place.
        for (var attempt = 0; attempt < 40 && !received.IsCompleted; attempt++)
        {
            using var publisher = Start("mosquitto_pub", "-L", url, "-m", "hello", "-q", "1");
            await publisher.WaitForExitAsync();
            Assert.True(publisher.ExitCode == 0, $"mosquitto_pub failed: {await publisher.StandardError.ReadToEndAsync()}");
            await Task.WhenAny(received, Task.Delay(250));
        }

        Assert.Equal("hello", await received);
        await subscriber.WaitForExitAsync();
        Assert.Equal(0, subscriber.ExitCode);
    }

    [Fact]
    public async Task Mosquitto_sub_with_a_wrong_password_is_refused()
    {
        await using var broker = new EmbeddedMqttBroker(new MqttOptions { EmbeddedPort = 0 }, NullLogger<EmbeddedMqttBroker>.Instance);
        await broker.StartAsync(CancellationToken.None);

        using var subscriber = Start("mosquitto_sub", "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-u", broker.Username, "-P", "wrong", "-t", "#", "-C", "1", "-W", "10");
        var error = await subscriber.StandardError.ReadToEndAsync();
        await subscriber.WaitForExitAsync();

        Assert.NotEqual(0, subscriber.ExitCode);
        Assert.Contains("bad user name or password", error, StringComparison.OrdinalIgnoreCase);
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
