using System.Text.Json;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;

namespace Watchpost.Tests.Mqtt;

public sealed class AlertPayloadTests
{
    [Fact]
    public void The_alert_has_the_documented_snake_case_fields()
    {
        var startedAt = new DateTime(2026, 11, 29, 21, 4, 5, 120, DateTimeKind.Utc);
        var e = EventTestData.Event("0197a1b2c3d4", startedAt, snapshotId: "snapshots/0197a1b2c3d4.jpg");
        var message = EventTestData.Alerts("gate-north-01").Create(e, startedAt.AddSeconds(3));

        Assert.Equal("watchpost/gate-north-01/alerts", message.Topic);
        Assert.Equal(1, message.QualityOfService);
        Assert.False(message.Retain);
        Assert.Equal("0197a1b2c3d4", message.EventId);
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        Assert.Equal(
            ["message_id", "event_id", "device_id", "type", "rule", "severity", "camera", "zone", "started_at", "object", "details", "event_url", "snapshot_url"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(message.MessageId, root.GetProperty("message_id").GetString());
        Assert.Equal("0197a1b2c3d4", root.GetProperty("event_id").GetString());
        Assert.Equal("gate-north-01", root.GetProperty("device_id").GetString());
        Assert.Equal("intrusion", root.GetProperty("type").GetString());
        Assert.Equal("night-intrusion", root.GetProperty("rule").GetString());
        Assert.Equal("high", root.GetProperty("severity").GetString());
        Assert.Equal("gate-1", root.GetProperty("camera").GetString());
        Assert.Equal("lobby", root.GetProperty("zone").GetString());
        Assert.Equal("2026-11-29T21:04:05.120Z", root.GetProperty("started_at").GetString());
        var obj = root.GetProperty("object");
        Assert.Equal(["class", "track_id", "score", "box"], obj.EnumerateObject().Select(p => p.Name));
        Assert.Equal("person", obj.GetProperty("class").GetString());
        Assert.Equal(17, obj.GetProperty("track_id").GetInt32());
        Assert.Equal(0.83, obj.GetProperty("score").GetDouble(), 3);
        Assert.Equal([340.4, 180.2, 42.6, 110.9], obj.GetProperty("box").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 1)));
        Assert.Equal(2.4, root.GetProperty("details").GetProperty("duration_s").GetDouble());
        Assert.Equal("http://10.0.0.9:8080/events/0197a1b2c3d4", root.GetProperty("event_url").GetString());
        Assert.Equal("http://10.0.0.9:8080/api/events/0197a1b2c3d4/snapshot.jpg", root.GetProperty("snapshot_url").GetString());
    }

    [Fact]
    public void An_event_without_snapshot_or_zone_says_so_with_nulls()
    {
        var e = EventTestData.Event("e1", DateTime.UtcNow) with { ZoneId = null };
        using var json = JsonDocument.Parse(EventTestData.Alerts().Create(e).Payload);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("zone").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("snapshot_url").ValueKind);
    }

    [Fact]
    public void Each_alert_gets_its_own_message_id_which_the_payload_carries()
    {
        var alerts = EventTestData.Alerts();
        var e = EventTestData.Event("e1", DateTime.UtcNow);
        var a = alerts.Create(e);
        var b = alerts.Create(e);
        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.Equal(b.MessageId, JsonDocument.Parse(b.Payload).RootElement.GetProperty("message_id").GetString());
    }

    [Fact]
    public void Links_use_the_public_url_or_a_reachable_form_of_the_listen_address()
    {
        var site = new SiteOptions { DeviceId = "box" };
        var mqtt = new MqttOptions();
        Assert.Equal("https://guard.example:8443/events/x",
            new AlertMessageFactory(mqtt, site, new ConsoleOptions { PublicUrl = "https://guard.example:8443/" }).EventUrl("x"));
        Assert.Equal("http://127.0.0.1:8080/events/x",
            new AlertMessageFactory(mqtt, site, new ConsoleOptions { Listen = "http://127.0.0.1:8080" }).EventUrl("x"));
        var wildcard = new AlertMessageFactory(mqtt, site, new ConsoleOptions { Listen = "http://0.0.0.0:8080" });
        Assert.DoesNotContain("0.0.0.0", wildcard.PublicBaseUrl, StringComparison.Ordinal);
        Assert.EndsWith(":8080", wildcard.PublicBaseUrl, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => new AlertMessageFactory(mqtt, site, new ConsoleOptions { PublicUrl = "guard room" }));
        Assert.Contains("guard room", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mqtt://10.0.0.5:1883", "10.0.0.5", 1883, null, null, false)]
    [InlineData("mqtt://broker.local", "broker.local", 1883, null, null, false)]
    [InlineData("mqtts://broker.local", "broker.local", 8883, null, null, true)]
    [InlineData("mqtt://bms:s%40cret@10.0.0.5:2883", "10.0.0.5", 2883, "bms", "s@cret", false)]
    [InlineData("mqtt://[::1]:1884", "::1", 1884, null, null, false)]
    public void Broker_urls_parse(string url, string host, int port, string? user, string? password, bool tls)
    {
        Assert.Equal(new MqttBrokerEndpoint(host, port, user, password, tls), MqttBrokerEndpoint.Parse(url));
    }

    [Fact]
    public void Configured_credentials_win_and_the_password_never_prints()
    {
        var endpoint = MqttBrokerEndpoint.Parse("mqtt://a:b@h:1", "user", "pw");
        Assert.Equal(("user", "pw"), (endpoint.Username, endpoint.Password));
        Assert.Equal("mqtt://h:1", endpoint.ToString());
        Assert.Equal("mqtt://user:pw@h:1", endpoint.ToUrl(includeCredentials: true));
        var ex = Assert.Throws<FormatException>(() => MqttBrokerEndpoint.Parse("tcp://h:1"));
        Assert.Contains("tcp://h:1", ex.Message, StringComparison.Ordinal);
    }
}
