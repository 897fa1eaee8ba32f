using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Adapter;
using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

public sealed class EmbeddedMqttBrokerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);
    private readonly TempFolder _storage = new();

    public void Dispose() => _storage.Dispose();

    private WatchpostOptions Site(MqttOptions mqtt) => EmbeddedBrokerSite.Create(_storage.Path, mqtt);

    [Fact]
    public async Task A_subscriber_with_the_credentials_gets_the_alert_and_one_without_is_refused()
    {
        await using var broker = new EmbeddedMqttBroker(Site(new MqttOptions { EmbeddedPort = 0 }), _log.For<EmbeddedMqttBroker>());
        await broker.StartAsync(CancellationToken.None);
        Assert.True(broker.IsRunning);
        Assert.NotEqual(0, broker.Port);
        Assert.True(broker.PasswordGenerated);
        Assert.Equal("watchpost", broker.Username);
        Assert.True(broker.Password.Length >= 24);
        Assert.Equal($"mqtt://watchpost:{broker.Password}@127.0.0.1:{broker.Port}", broker.ConnectionUrl);

        await using var subscriber = await MqttTestSubscriber.ConnectAsync("127.0.0.1", broker.Port, "watchpost/#", broker.Username, broker.Password);
        await using var pipeline = new AlertPipeline(broker.ClientEndpoint, _log);
        await pipeline.StartAsync();
        Assert.True(pipeline.Recorder.TryRecord(EventTestData.Candidate(trackId: 3)));
        var alert = await subscriber.WaitForAsync(m => m.Topic == "watchpost/test-box/alerts", Timeout);
        Assert.NotNull(alert);
        Assert.Contains(Assert.Single(await pipeline.Store.ListRecentAsync(10)).Id, alert.Payload, StringComparison.Ordinal);

        await AssertRefusedAsync(broker.Port, null, null);
        await AssertRefusedAsync(broker.Port, broker.Username, "wrong-" + broker.Password);
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task Configured_credentials_and_port_are_used()
    {
        var port = FreePort.Tcp();
        await using var broker = new EmbeddedMqttBroker(Site(new MqttOptions { EmbeddedPort = port, Username = "bms", Password = "s3cret" }), _log.For<EmbeddedMqttBroker>());
        await broker.StartAsync(CancellationToken.None);
        Assert.Equal(port, broker.Port);
        Assert.False(broker.PasswordGenerated);
        await using var client = await MqttTestSubscriber.ConnectAsync("127.0.0.1", port, "x", "bms", "s3cret");
        await AssertRefusedAsync(port, "watchpost", "s3cret");
    }

    [Fact]
    public async Task It_listens_only_on_the_configured_address()
    {
        await using var broker = new EmbeddedMqttBroker(Site(new MqttOptions { EmbeddedPort = 0, EmbeddedListen = "127.0.0.1" }), _log.For<EmbeddedMqttBroker>());
        await broker.StartAsync(CancellationToken.None);
        using (var v4 = new TcpClient())
        {
            await v4.ConnectAsync(IPAddress.Loopback, broker.Port);
        }

        // MQTTnet would also bind the IPv6 wildcard unless told not to.
        using var v6 = new TcpClient(AddressFamily.InterNetworkV6);
        await Assert.ThrowsAsync<SocketException>(() => v6.ConnectAsync(IPAddress.IPv6Loopback, broker.Port));
    }

    [Fact]
    public async Task A_port_in_use_is_named_in_the_error()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            await using var broker = new EmbeddedMqttBroker(Site(new MqttOptions { EmbeddedPort = port }), _log.For<EmbeddedMqttBroker>());
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => broker.StartAsync(CancellationToken.None));
            Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
            Assert.False(broker.IsRunning);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void A_bad_listen_address_is_named()
    {
        var ex = Assert.Throws<FormatException>(() => new EmbeddedMqttBroker(Site(new MqttOptions { EmbeddedListen = "gate.local" }), _log.For<EmbeddedMqttBroker>()));
        Assert.Contains("gate.local", ex.Message, StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(int port, string? user, string? password)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithTimeout(TimeSpan.FromSeconds(5));
        if (user is not null)
        {
            builder = builder.WithCredentials(user, password);
        }

        // MQTTnet 5 either throws or returns the refusal, depending on the protocol version: accept both, insist on the reason.
        try
        {
            var result = await client.ConnectAsync(builder.Build());
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        }
        catch (MqttConnectingFailedException ex)
        {
            Assert.Contains("BadUserNameOrPassword", ex.Message, StringComparison.Ordinal);
        }

        Assert.False(client.IsConnected);
    }
}
