using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt;

/// <summary>
/// The schemas of docs/schemas/ against the examples of docs/mqtt.md (each example must match its schema), and
/// against wrong payloads made from those examples (each must be refused: a schema that accepts anything proves nothing).
/// </summary>
public sealed partial class ContractSchemaTests
{
    public static TheoryData<string, string, string> Examples()
    {
        var data = new TheoryData<string, string, string>();
        var n = 0;
        foreach (Match m in ExampleBlock().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "mqtt.md"))))
        {
            data.Add($"{++n}:{m.Groups["schema"].Value}", m.Groups["definition"].Value, m.Groups["json"].Value);
        }

        return data;
    }

    [Fact]
    public void Every_json_payload_of_the_contract_has_a_schema_and_an_example_in_the_docs()
    {
        var documented = Examples().Select(row => ((string)row[0]).Split(':')[1]).ToHashSet();
        var schemas = ContractSchemas.Names.Where(s => !ContractSchemas.IsBareWord(s)).ToList();
        Assert.True(schemas.Count >= 11, $"only {schemas.Count} JSON schemas in {ContractSchemas.Folder}");
        Assert.Empty(schemas.Except(documented));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_documented_example_matches_its_schema(string example, string definition, string json)
    {
        var schema = example.Split(':')[1];
        Assert.Empty(ContractSchemas.Errors(schema, json, definition.Length == 0 ? null : definition));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Wrong_payloads_are_refused(string example, string definition, string json)
    {
        var schema = example.Split(':')[1];
        var def = definition.Length == 0 ? null : definition;
        foreach (var (what, wrong) in Mutations(schema, def, json))
        {
            Assert.True(ContractSchemas.Errors(schema, wrong, def).Count > 0, $"{example}: {what} was accepted:\n{wrong}");
        }
    }

    [Theory]
    [InlineData("availability", "\"maybe\"")]
    [InlineData("rule-arming-switch", "\"on please\"")]
    [InlineData("alert", "[]")]
    [InlineData("event-lifecycle", "{\"type\": \"start\"}")]
    [InlineData("command-result", "{\"request_id\": \"x\", \"ok\": false}")]
    [InlineData("command-result", "{\"request_id\": \"x\", \"ok\": true, \"error\": \"but ok\"}")]
    public void Payloads_that_break_a_rule_of_their_own_are_refused(string schema, string json)
    {
        Assert.NotEmpty(ContractSchemas.Errors(schema, json));
    }

    [Fact]
    public void A_pulse_without_seconds_and_an_unknown_target_are_refused()
    {
        Assert.NotEmpty(ContractSchemas.Errors("command-request", """{"name": "siren", "state": "pulse"}""", "relay"));
        Assert.NotEmpty(ContractSchemas.Errors("command-request", """{"target": "building:7"}""", "arm"));
        Assert.Empty(ContractSchemas.Errors("command-request", """{"target": "all"}""", "arm"));
    }

    /// <summary>A required key removed, an unknown key added, a string turned into a number, a time without milliseconds.</summary>
    private static IEnumerable<(string What, string Json)> Mutations(string schema, string? definition, string json)
    {
        var schemaJson = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractSchemas.Folder, schema + ".schema.json")))!;
        var required = (definition is null ? schemaJson["required"] : schemaJson["$defs"]![definition]!["required"])!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.NotEmpty(required);
        foreach (var key in required)
        {
            var missing = JsonNode.Parse(json)!.AsObject();
            missing.Remove(key);
            yield return ($"no '{key}'", missing.ToJsonString());
        }

        var extra = JsonNode.Parse(json)!.AsObject();
        extra["unexpected_key"] = 1;
        yield return ("an unknown key", extra.ToJsonString());

        var original = JsonNode.Parse(json)!.AsObject();
        var text = original.First(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).Key;
        var retyped = JsonNode.Parse(json)!.AsObject();
        retyped[text] = 42;
        yield return ($"'{text}' as a number", retyped.ToJsonString());

        foreach (var time in original.Where(p => p.Key.EndsWith("_at", StringComparison.Ordinal) && p.Value is JsonValue).Select(p => p.Key))
        {
            var local = JsonNode.Parse(json)!.AsObject();
            local[time] = "2026-11-29 21:04:05";
            yield return ($"'{time}' without milliseconds and Z", local.ToJsonString());
        }
    }

    [GeneratedRegex(@"<!-- schema: (?<schema>[a-z-]+)(#(?<definition>[a-z]+))? -->\s*```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
