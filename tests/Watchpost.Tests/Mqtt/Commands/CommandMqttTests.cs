using System.Text.Json;
using Watchpost.Behaviours;
using Watchpost.Gpio;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt.Commands;

/// <summary>Every verb, ok and refused, through a real mosquitto: an MQTT 5 controller (response topic + correlation data) and a 3.1.1 one (cmd/&lt;verb&gt;/result).</summary>
public sealed class CommandMqttTests(ITestOutputHelper output)
{
    private const string Root = "watchpost/cmdtest";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_command_is_carried_out_or_refused_and_answered_exactly_once(bool mqtt5)
    {
        var log = new RecordingLog(output);
        using var broker = await MosquittoBroker.StartAsync();
        await using var connection = new MqttConnection(MqttBrokerEndpoint.Parse($"mqtt://{MosquittoBroker.Host}:{broker.Port}"),
            new MqttConnectionSettings { TopicPrefix = "watchpost", DeviceId = "cmdtest" }, log.For<MqttConnection>());
        await using var box = new CommandHarness(connection, log.AsProvider());
        var subscribed = new TaskCompletionSource();
        connection.Connected += _ => { subscribed.TrySetResult(); return Task.CompletedTask; };
        await box.Router.StartAsync(default);
        await connection.StartAsync(default);
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var controller = await CommandClient.ConnectAsync(broker.Port, Root, mqtt5);
        var sent = 0;

        async Task<JsonElement> Ok(string verb, string payload)
        {
            sent++;
            var reply = await controller.SendAsync(verb, payload);
            Assert.True(reply.GetProperty("ok").GetBoolean(), $"{verb} {payload} -> {reply}");
            Assert.False(reply.TryGetProperty("error", out _));

            // docs/schemas describe what the router takes and answers: an accepted request and its reply must match.
            Assert.True(ContractSchemas.Errors("command-request", payload, verb) is { Count: 0 }, $"{verb} {payload}: {string.Join("; ", ContractSchemas.Errors("command-request", payload, verb))}");
            Assert.True(ContractSchemas.Errors("command-result", reply.GetRawText()) is { Count: 0 }, $"{reply}: {string.Join("; ", ContractSchemas.Errors("command-result", reply.GetRawText()))}");
            return reply.GetProperty("result");
        }

        async Task Refused(string verb, string payload, string error)
        {
            sent++;
            var state = box.State();
            var reply = await controller.SendAsync(verb, payload);
            Assert.False(reply.GetProperty("ok").GetBoolean(), $"{verb} {payload} -> {reply}");
            Assert.Contains(error, reply.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.True(ContractSchemas.Errors("command-result", reply.GetRawText()) is { Count: 0 }, $"{reply}: {string.Join("; ", ContractSchemas.Errors("command-result", reply.GetRawText()))}");
            Assert.Equal(state, box.State());
        }

        // arm / disarm
        var disarmed = await Ok("disarm", """{"request_id": "r1", "target": "rule:lawn-intrusion", "operator": "alice", "reason": "gardener", "until": "2099-01-01T00:00:00Z"}""");
        Assert.Equal("rule:lawn-intrusion", disarmed.GetProperty("target").GetString());
        Assert.Equal("lawn-intrusion", disarmed.GetProperty("rules_disarmed")[0].GetString());
        Assert.Equal("2099-01-01T00:00:00Z", disarmed.GetProperty("until").GetString());
        Assert.False(box.Arming.IsArmed(new RuleIdentity("lawn-intrusion", "intrusion", "gate", "high", "lawn", null)));
        Assert.Contains(box.Audit.Entries, e => e is { Action: "disarm", Target: "rule:lawn-intrusion", Operator: "alice", Detail: "gardener" });
        await Refused("disarm", """{"target": "rule:nope"}""", "no rule has the id 'nope'");
        await Refused("disarm", """{"target": "rule:../../x"}""", "is not an id");
        await Refused("disarm", """{"target": "zone:lawn", "until": "tomorrow"}""", "until must be an ISO 8601 time");
        await Refused("arm", """{"target": 7}""", "target must be a string, got a number");
        await Refused("arm", """{"target": "all", "force": true}""", "unknown field 'force'");
        var armed = await Ok("arm", """{"target": "all", "operator": "bob"}""");
        Assert.Equal("lawn-intrusion", armed.GetProperty("rules_armed")[0].GetString());
        Assert.Empty(box.Arming.Disarmed);

        // ack / resolve
        var acked = await Ok("ack", $$"""{"event_id": "{{CommandHarness.KnownEvent}}", "operator": "carol", "note": "seen on camera"}""");
        Assert.Equal("acknowledged", acked.GetProperty("state").GetString());
        Assert.Contains(box.Events.Applied, a => a.Kind == Watchpost.Events.EventChangeKind.Acknowledged && a.Operator == "carol" && a.Note == "seen on camera" && a.Source == Watchpost.Events.ChangeSource.Mqtt);
        await Refused("ack", """{"event_id": "0192a0b0c0d0e0f0ffffffffffffffff", "operator": "carol"}""", "no event with id '0192a0b0c0d0e0f0ffffffffffffffff'");
        await Refused("ack", $$"""{"event_id": "{{CommandHarness.KnownEvent}}"}""", "operator is required");
        Assert.Equal("resolved", (await Ok("resolve", $$"""{"event_id": "{{CommandHarness.KnownEvent}}", "operator": "carol", "note": "false alarm"}""")).GetProperty("state").GetString());
        await Refused("resolve", """{"event_id": ["x"], "operator": "carol"}""", "event_id must be a string, got an array");

        // relay
        var relay = await Ok("relay", """{"name": "siren", "state": "pulse", "seconds": 2.5}""");
        Assert.Equal("on", relay.GetProperty("state").GetString());
        Assert.Equal(("siren", RelayAction.Pulse, 2.5, "mqtt"), box.Relays.Calls.Single());
        await Refused("relay", """{"name": "siren", "state": "pulse"}""", "a pulse needs seconds");
        await Refused("relay", """{"name": "horn", "state": "on"}""", "no relay is named 'horn' (relays: siren, strobe)");
        await Refused("relay", """{"name": "siren", "state": "ON"}""", "state 'ON' is not \"on\", \"off\" or \"pulse\"");
        await Refused("relay", """{"name": "siren", "state": "pulse", "seconds": "5"}""", "seconds must be a number, got a string");

        // snapshot
        Assert.Equal("http://box.example:8080/api/cameras/gate/snapshot.jpg", (await Ok("snapshot", """{"camera": "gate"}""")).GetProperty("url").GetString());
        await Refused("snapshot", """{"camera": "front"}""", "no camera has the id 'front' (cameras: gate, back, old)");
        await Refused("snapshot", """{"camera": "old"}""", "camera 'old' is disabled");

        // reload: a bad file is refused and the running site kept; a good one is applied and says what changed
        File.WriteAllText(box.SiteFilePath, box.SiteJson(extraZone: true).Replace("\"zone\": \"porch\"", "\"zone\": \"patio\"", StringComparison.Ordinal));
        await Refused("reload", "{}", "patio");
        Assert.Same(box.Site, box.Running.Site);
        File.WriteAllText(box.SiteFilePath, "{ \"cameras\": [ ");
        await Refused("reload", """{"operator": "dave"}""", "not valid JSON");
        File.WriteAllText(box.SiteFilePath, box.SiteJson(extraZone: true));
        var reloaded = await Ok("reload", """{"operator": "dave"}""");
        Assert.True(reloaded.GetProperty("changed").GetBoolean());
        Assert.Equal("porch", reloaded.GetProperty("zones").GetProperty("added")[0].GetString());
        Assert.Equal("porch-intrusion", reloaded.GetProperty("rules").GetProperty("added")[0].GetString());
        Assert.Equal("rules replaced", reloaded.GetProperty("applied").GetProperty("gate").GetString());
        Assert.False(reloaded.GetProperty("applied").TryGetProperty("back", out _));
        Assert.Contains(box.Running.Site.Rules, r => r.Id == "porch-intrusion");
        Assert.Contains(box.Audit.Entries, e => e is { Action: "reload", Operator: "dave" });
        Assert.Equal("porch-intrusion", (await Ok("disarm", """{"target": "rule:porch-intrusion", "operator": "dave"}""")).GetProperty("rules_disarmed")[0].GetString());
        Assert.True((await Ok("arm", """{"target": "zone:porch", "operator": "dave"}""")).GetProperty("changed").GetBoolean());

        // the payload itself
        await Refused("arm", "{not json", "the payload is not valid JSON");
        await Refused("arm", "[1, 2]", "the payload must be a JSON object");
        await Refused("arm", """{"request_id": 5, "target": "all"}""", "request_id must be a string");
        await Refused("launch", """{"request_id": "r9"}""", "unknown command 'launch'; the commands are ack, arm, disarm, ping, relay, reload, resolve, snapshot");

        // ping: answered at once, changes nothing, takes no fields
        Assert.False(string.IsNullOrEmpty((await Ok("ping", "{}")).GetProperty("device_id").GetString()));
        await Refused("ping", """{"target": "all"}""", "ping takes no fields");

        if (mqtt5)
        {
            // A response topic under the box's own topics is not answered on (a client cannot make it publish alerts).
            sent++;
            var reply = await controller.SendAsync("snapshot", """{"camera": "gate"}""", responseTopic: Root + "/alerts");
            Assert.True(reply.GetProperty("ok").GetBoolean());
        }

        // Exactly one reply per command on cmd/<verb>/result, and none of them taken as a command.
        await Task.Delay(300);
        var results = controller.Received.Where(m => m.Topic.StartsWith(Root + "/cmd/", StringComparison.Ordinal) && m.Topic.EndsWith("/result", StringComparison.Ordinal)).ToList();
        Assert.Equal(sent, results.Count);
        Assert.DoesNotContain(controller.Received, m => m.Topic.EndsWith("/result/result", StringComparison.Ordinal) || m.Topic == Root + "/alerts");
        Assert.Equal("r1", CommandClient.Json(results[0]).GetProperty("request_id").GetString());
        if (mqtt5)
        {
            Assert.Equal(sent - 1, controller.Received.Count(m => m.Topic.StartsWith("controller/", StringComparison.Ordinal)));
        }

        await box.Router.StopAsync(default);
        log.AssertNoErrors();
    }
}
