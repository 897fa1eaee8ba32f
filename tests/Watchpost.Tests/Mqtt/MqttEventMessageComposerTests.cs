using System.Text.Json;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Events;

namespace Watchpost.Tests.Mqtt;

public sealed class MqttEventMessageComposerTests
{
    private static readonly DateTime StartedAt = new(2026, 11, 29, 21, 4, 5, 120, DateTimeKind.Utc);
    private readonly MqttEventMessageComposer _composer = new(EventTestData.Alerts("gate-north-01"), "watchpost");

    [Fact]
    public void A_started_event_gives_its_alert_then_a_start_message()
    {
        var e = EventTestData.Event("0197a1b2c3d4", StartedAt, snapshotId: "snapshots/0197a1b2c3d4.jpg");
        var messages = _composer.Compose(new EventChange(EventChangeKind.Started, e, StartedAt.AddSeconds(2)) { FrameReceivedAt = StartedAt.AddSeconds(1) });

        Assert.Equal(["watchpost/gate-north-01/alerts", "watchpost/gate-north-01/events"], messages.Select(m => m.Topic));
        Assert.All(messages, m => Assert.Equal((1, false, "0197a1b2c3d4"), (m.QualityOfService, m.Retain, m.EventId)));
        Assert.NotEqual(messages[0].MessageId, messages[1].MessageId);
        Assert.NotNull(messages[0].FrameReceivedAt);   // the alert carries the latency figure, the lifecycle message does not
        Assert.Null(messages[1].FrameReceivedAt);

        using var json = JsonDocument.Parse(messages[1].Payload);
        var root = json.RootElement;
        Assert.Equal(["message_id", "device_id", "type", "change", "at", "source", "operator", "note", "event"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(messages[1].MessageId, root.GetProperty("message_id").GetString());
        Assert.Equal("start", root.GetProperty("type").GetString());
        Assert.Equal("started", root.GetProperty("change").GetString());
        Assert.Equal("2026-11-29T21:04:07.120Z", root.GetProperty("at").GetString());
        Assert.Equal("rule", root.GetProperty("source").GetString());
        var ev = root.GetProperty("event");
        Assert.Equal(
            ["id", "type", "rule", "severity", "camera", "zone", "class", "track_id", "score", "box", "started_at", "ended_at", "state", "details",
             "snapshot_url", "event_url", "acknowledged_at", "acknowledged_by", "assigned_to", "resolved_at", "resolved_by"],
            ev.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0197a1b2c3d4", ev.GetProperty("id").GetString());
        Assert.Equal("person", ev.GetProperty("class").GetString());
        Assert.Equal("2026-11-29T21:04:05.120Z", ev.GetProperty("started_at").GetString());
        Assert.Equal(JsonValueKind.Null, ev.GetProperty("ended_at").ValueKind);
        Assert.Equal("new", ev.GetProperty("state").GetString());
        Assert.Equal("http://10.0.0.9:8080/api/events/0197a1b2c3d4/snapshot.jpg", ev.GetProperty("snapshot_url").GetString());
        Assert.Equal("http://10.0.0.9:8080/events/0197a1b2c3d4", ev.GetProperty("event_url").GetString());
    }

    [Fact]
    public void An_end_is_one_end_message_with_the_end_time()
    {
        var e = EventTestData.Event("e1", StartedAt) with { EndedAt = StartedAt.AddSeconds(30) };
        var message = Assert.Single(_composer.Compose(new EventChange(EventChangeKind.Ended, e, StartedAt.AddSeconds(30))));
        Assert.Equal("watchpost/gate-north-01/events", message.Topic);
        using var json = JsonDocument.Parse(message.Payload);
        Assert.Equal("end", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("2026-11-29T21:04:35.120Z", json.RootElement.GetProperty("event").GetProperty("ended_at").GetString());
    }

    [Theory]
    [InlineData(EventChangeKind.Updated, "updated")]
    [InlineData(EventChangeKind.Acknowledged, "acknowledged")]
    [InlineData(EventChangeKind.Noted, "noted")]
    [InlineData(EventChangeKind.Assigned, "assigned")]
    [InlineData(EventChangeKind.Resolved, "resolved")]
    public void Later_changes_are_updates_that_say_what_changed(EventChangeKind kind, string change)
    {
        var e = EventTestData.Event("e1", StartedAt) with { State = kind == EventChangeKind.Resolved ? EventState.Resolved : EventState.Acknowledged };
        var at = StartedAt.AddMinutes(1);
        var message = Assert.Single(_composer.Compose(new EventChange(kind, e, at) { Operator = "ana", Source = ChangeSource.Mqtt, Note = "guard-2" }));
        using var json = JsonDocument.Parse(message.Payload);
        var root = json.RootElement;
        Assert.Equal("update", root.GetProperty("type").GetString());
        Assert.Equal(change, root.GetProperty("change").GetString());
        Assert.Equal("mqtt", root.GetProperty("source").GetString());
        Assert.Equal("ana", root.GetProperty("operator").GetString());
        var ev = root.GetProperty("event");
        Assert.Equal(kind == EventChangeKind.Acknowledged ? "ana" : null, ev.GetProperty("acknowledged_by").GetString());
        Assert.Equal(kind == EventChangeKind.Resolved ? "2026-11-29T21:05:05.120Z" : null, ev.GetProperty("resolved_at").GetString());
        Assert.Equal(kind == EventChangeKind.Assigned ? "guard-2" : null, ev.GetProperty("assigned_to").GetString());
        Assert.Equal(kind == EventChangeKind.Resolved ? "resolved" : "acknowledged", ev.GetProperty("state").GetString());
    }

    [Fact]
    public void Each_composition_has_new_message_ids_which_the_stored_payload_keeps()
    {
        var change = new EventChange(EventChangeKind.Updated, EventTestData.Event("e1", StartedAt), StartedAt);
        var a = Assert.Single(_composer.Compose(change));
        var b = Assert.Single(_composer.Compose(change));
        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.Equal(b.MessageId, JsonDocument.Parse(b.Payload).RootElement.GetProperty("message_id").GetString());
    }
}
