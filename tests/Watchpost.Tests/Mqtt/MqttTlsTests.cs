using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>mqtts:// against a real mosquitto with certificates made here; the password never reaches the log.</summary>
public sealed class MqttTlsTests(ITestOutputHelper output)
{
    private const string Password = "Pw-Zebra-42";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);

    [Fact]
    public async Task Mqtts_with_the_site_ca_file_delivers_alerts()
    {
        var plainPort = FreePort.Tcp();
        using var mosquitto = await TlsBrokerAsync(plainPort);
        await using var subscriber = await PlainSubscriberAsync(plainPort);
        var endpoint = MqttBrokerEndpoint.FromOptions(new MqttOptions { Broker = $"mqtts://127.0.0.1:{mosquitto.Port}", CaFile = Path.Combine(mosquitto.Folder, "site-ca.pem") });
        await using var pipeline = new AlertPipeline(endpoint, _log);
        await pipeline.StartAsync();
        Assert.True(await Poll.UntilAsync(() => pipeline.Connection.IsConnected, Timeout), "no TLS connection:\n" + string.Join('\n', mosquitto.Log));

        Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: 5)));
        Assert.NotNull(await subscriber.WaitForAsync(_ => true, Timeout));
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_broker_certificate_from_another_ca_is_refused_clearly_and_the_password_stays_out_of_the_log()
    {
        using var mosquitto = await TlsBrokerAsync(plainPort: null);
        var otherCa = TestCertificates.Write(mosquitto.Folder, "other", withServer: false);
        var endpoint = MqttBrokerEndpoint.FromOptions(new MqttOptions { Broker = $"mqtts://bms:{Password}@127.0.0.1:{mosquitto.Port}", CaFile = otherCa });
        await using (var pipeline = new AlertPipeline(endpoint, _log))
        {
            await pipeline.StartAsync();
            Assert.True(await Poll.UntilAsync(() => _log.Entries.Any(e => e.Message.Contains("does not chain to the CA in mqtt.caFile", StringComparison.Ordinal)), Timeout),
                "no clear TLS error was logged:\n" + string.Join('\n', _log.Entries.Select(e => e.Message)));
            Assert.False(pipeline.Connection.IsConnected);
        }

        AssertPasswordNotLogged();
    }

    [Fact]
    public async Task Refused_credentials_are_logged_without_the_password()
    {
        using var mosquitto = await MosquittoBroker.StartAsync(extraConfig: _ => ["allow_anonymous false"]);
        var endpoint = MqttBrokerEndpoint.FromOptions(new MqttOptions { Broker = $"mqtt://127.0.0.1:{mosquitto.Port}", Username = "bms", Password = Password });
        await using (var pipeline = new AlertPipeline(endpoint, _log))
        {
            await pipeline.StartAsync();
            Assert.True(await Poll.UntilAsync(() => _log.Entries.Any(e => e.Message.StartsWith("Cannot connect", StringComparison.Ordinal)), Timeout));
        }

        output.WriteLine(_log.Entries.First(e => e.Message.StartsWith("Cannot connect", StringComparison.Ordinal)).Message);
        AssertPasswordNotLogged();
    }

    private void AssertPasswordNotLogged()
    {
        Assert.NotEmpty(_log.Entries);
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains(Password, StringComparison.Ordinal));
    }

    /// <summary>mosquitto with a TLS listener (certificate signed by "site" CA) and, when asked, a plain one for the test's subscriber.</summary>
    /// <summary>The plain listener opens a moment after the TLS one that <see cref="MosquittoBroker"/> waits for.</summary>
    private static async Task<MqttTestSubscriber> PlainSubscriberAsync(int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await MqttTestSubscriber.ConnectAsync(MosquittoBroker.Host, port, "watchpost/test-box/alerts");
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static Task<MosquittoBroker> TlsBrokerAsync(int? plainPort) => MosquittoBroker.StartAsync(extraConfig: folder =>
    {
        var ca = TestCertificates.Write(folder, "site", withServer: true);
        List<string> lines = [$"cafile {ca}", $"certfile {Path.Combine(folder, "server.pem")}", $"keyfile {Path.Combine(folder, "server.key")}"];
        if (plainPort is { } port)
        {
            lines.Add($"listener {port} {MosquittoBroker.Host}");
        }

        return lines;
    });
}
