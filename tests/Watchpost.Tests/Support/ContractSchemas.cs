using System.Text.Json;
using Json.Schema;

namespace Watchpost.Tests.Support;

/// <summary>The JSON Schemas of docs/schemas/ (draft 2020-12), and which one a topic's payload must match.</summary>
public static class ContractSchemas
{
    public static string Folder { get; } = Path.Combine(RepositoryFiles.Root, "docs", "schemas");

    private static readonly Lazy<Dictionary<string, (JsonSchema Schema, BuildOptions Options)>> Schemas = new(() =>
        Directory.GetFiles(Folder, "*.schema.json").ToDictionary(
            f => Path.GetFileName(f)[..^".schema.json".Length],
            f =>
            {
                // Each schema in its own registry: none depends on another, and a $id must not be registered twice.
                var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
                return (JsonSchema.FromFile(f, options), options);
            }));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Definitions = new();

    public static IReadOnlyCollection<string> Names => Schemas.Value.Keys;

    public static JsonSchema Get(string name) => Entry(name).Schema;

    private static (JsonSchema Schema, BuildOptions Options) Entry(string name) =>
        Schemas.Value.TryGetValue(name, out var entry) ? entry : throw new KeyNotFoundException($"no docs/schemas/{name}.schema.json");

    /// <summary>The schema for a message on <paramref name="topic"/> under <paramref name="root"/>, or null for a topic the contract does not define.</summary>
    public static string? ForTopic(string root, string topic)
    {
        if (topic.StartsWith("homeassistant/", StringComparison.Ordinal) && topic.EndsWith("/config", StringComparison.Ordinal))
        {
            return "ha-discovery";
        }

        if (!topic.StartsWith(root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var levels = topic[(root.Length + 1)..].Split('/');
        return levels switch
        {
            ["availability"] => "availability",
            ["alerts"] => "alert",
            ["events"] => "event-lifecycle",
            ["state"] => "device-state",
            ["cameras", _, "state"] => "camera-state",
            ["zones", _, "occupancy"] => "zone-occupancy",
            ["rules", _, "armed"] => "rule-armed",
            ["rules", _, "active"] => "rule-active",
            ["gpio", _, "state"] => "gpio-state",
            ["cmd", "arming", _] => "rule-arming-switch",
            ["cmd", _, "result"] => "command-result",
            ["cmd", _] => "command-request",
            _ => null,
        };
    }

    /// <summary>Payloads that are a bare word rather than JSON (checked as a JSON string).</summary>
    public static bool IsBareWord(string schema) => schema is "availability" or "rule-arming-switch";

    /// <summary>The errors of <paramref name="json"/> against the schema (empty when valid).</summary>
    /// <param name="definition">A $defs entry to validate against instead of the root (a command's verb).</param>
    public static IReadOnlyList<string> Errors(string name, string json, string? definition = null)
    {
        using var document = JsonDocument.Parse(json);
        var (schema, options) = Entry(name);
        var target = definition is null
            ? schema
            : Definitions.GetOrAdd($"{name}#{definition}", _ => JsonSchema.FromText($$"""{"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "https://watchpost.local/schemas/{{name}}.schema.json#/$defs/{{definition}}"}""", options));
        var result = target.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .DefaultIfEmpty("invalid")];
    }
}
