using Watchpost.Configuration;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>mqtt.broker and mqtt.caFile are checked in one place, when the site file is validated, and never print a password.</summary>
public sealed class BrokerEndpointTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("10.0.0.5", "is not a URL")]
    [InlineData("tcp://10.0.0.5:1883", "has the scheme 'tcp'")]
    [InlineData("http://10.0.0.5", "has the scheme 'http'")]
    [InlineData("mqtt://10.0.0.5:99999", "is not a URL")]
    [InlineData("mqtt://10.0.0.5/topic", "has a path")]
    public void A_bad_broker_url_is_refused_at_validation_naming_the_field(string broker, string expected)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Validate(new MqttOptions { Broker = broker }));
        Assert.Contains("mqtt.broker", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://bms:Sup3r-s3cret@10.0.0.5:99999", null)]
    [InlineData("mqtt://bms:Sup3r-s3cret@10.0.0.5/x?y", null)]
    [InlineData("ftp://bms:Sup3r/s3cret@10.0.0.5", null)]
    [InlineData("not a url Sup3r-s3cret", "Sup3r-s3cret")]
    public void The_password_is_not_in_the_error(string broker, string? password)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Validate(new MqttOptions { Broker = broker, Password = password }));
        Assert.Contains("mqtt.broker", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_file_must_exist_be_pem_and_go_with_mqtts()
    {
        var missing = Assert.Throws<InvalidConfigurationException>(() => Validate(new MqttOptions { Broker = "mqtts://h", CaFile = _folder.File("none.pem") }));
        Assert.Contains("mqtt.caFile", missing.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(_folder.File("junk.pem"), "not a certificate");
        var junk = Assert.Throws<InvalidConfigurationException>(() => Validate(new MqttOptions { Broker = "mqtts://h", CaFile = _folder.File("junk.pem") }));
        Assert.Contains("holds no certificate", junk.Message, StringComparison.Ordinal);

        var ca = TestCertificates.Write(_folder.Path, "site", withServer: false);
        var plain = Assert.Throws<InvalidConfigurationException>(() => Validate(new MqttOptions { Broker = "mqtt://h", CaFile = ca }));
        Assert.Contains("is not TLS", plain.Message, StringComparison.Ordinal);

        Validate(new MqttOptions { Broker = "mqtts://h", CaFile = ca });   // fine
        var endpoint = MqttBrokerEndpoint.FromOptions(new MqttOptions { Broker = "mqtts://u:p@h", CaFile = ca });
        Assert.Equal(new MqttBrokerEndpoint("h", 8883, "u", "p", UseTls: true) { CaFile = ca }, endpoint);
        Assert.Single(endpoint.LoadCaCertificates());
    }

    public void Dispose() => _folder.Dispose();

    private static void Validate(MqttOptions mqtt) =>
        WatchpostOptionsLoader.Validate(new WatchpostOptions { Mqtt = mqtt, Site = new SiteOptions { DeviceId = "box-1", TimeZone = "UTC" } }, "site.json");
}
