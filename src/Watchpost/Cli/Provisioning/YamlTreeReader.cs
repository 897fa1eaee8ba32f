using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// Reads a YAML provisioning file into the JSON the site file is, noting each value's line in a <see cref="SourceMap"/>.
/// Plain scalars are typed by YAML 1.2's core schema (true, 12, 0.5, null; "22:00" stays text); quoted ones are
/// text. Anchors, aliases and merge keys (&lt;&lt;) work; duplicate keys are refused, as the site file's keys are
/// matched in any case.
/// </summary>
internal static partial class YamlTreeReader
{
    private const string MergeKey = "<<";

    /// <exception cref="CliInputException">Not valid YAML, or not a mapping at the top (the message gives file:line:column).</exception>
    public static JsonObject Read(string text, SourceMap map)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new CliInputException($"{map.File}: the file is empty; expected the site's sections (site:, cameras:, ...)");
            }

            var start = parser.Consume<DocumentStart>();
            var root = Node(parser, "", map, anchors);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new CliInputException($"{map.File}:{parser.Current?.Start.Line}: a second YAML document (---); a provisioning file holds one site");
            }

            return root as JsonObject ?? throw new CliInputException($"{map.File}:{start.Start.Line}: expected a mapping of the site's sections (site:, cameras:, ...)");
        }
        catch (YamlException e)
        {
            // ${NAME} in a { } or [ ] flow collection ends the plain value at '{'; the usual slip, so it is named.
            var hint = e.Message.Contains("flow", StringComparison.Ordinal) && text.Contains("${", StringComparison.Ordinal)
                ? " (inside { } or [ ], write a ${NAME} reference in quotes: \"${NAME}\")" : "";
            throw new CliInputException($"{map.File}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {MarkPrefix().Replace(e.Message, "")}{hint}", e);
        }
    }

    private static JsonNode? Node(IParser parser, string path, SourceMap map, Dictionary<string, JsonNode?> anchors)
    {
        var current = parser.Current ?? throw new CliInputException($"{map.File}: the YAML ends too early");
        map.Add(path, (int)current.Start.Line, (int)current.Start.Column);
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored?.DeepClone()
                    : throw new CliInputException($"{map.File}:{alias.Start.Line}: the alias *{alias.Value.Value} names no anchor defined before it");
            case Scalar scalar:
                parser.MoveNext();
                return Anchored(anchors, scalar.Anchor, Value(scalar));
            case SequenceStart sequence:
            {
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(Node(parser, SourceMap.Item(path, array.Count), map, anchors));
                }

                return Anchored(anchors, sequence.Anchor, array);
            }

            case MappingStart mapping:
            {
                parser.MoveNext();
                var entries = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = parser.Current as Scalar
                        ?? throw new CliInputException($"{map.File}:{parser.Current?.Start.Line}: a key must be a plain word (a name of the site file's sections or fields)");
                    parser.MoveNext();
                    if (key.Value == MergeKey && key.Style == ScalarStyle.Plain)
                    {
                        Merge(entries, Node(parser, path, map, anchors), key, map);
                        continue;
                    }

                    if (entries.ContainsKey(key.Value))
                    {
                        throw new CliInputException($"{map.File}:{key.Start.Line}: {SourceMap.Child(path, key.Value)}: the key is given twice (keys are matched in any case)");
                    }

                    entries[key.Value] = Node(parser, SourceMap.Child(path, key.Value), map, anchors);
                }

                return Anchored(anchors, mapping.Anchor, entries);
            }

            default:
                throw new CliInputException($"{map.File}:{current.Start.Line}: unexpected YAML ({current.GetType().Name})");
        }
    }

    /// <summary>&lt;&lt;: *defaults: the anchored mapping's keys that the mapping does not give itself.</summary>
    private static void Merge(JsonObject entries, JsonNode? merged, Scalar key, SourceMap map)
    {
        var sources = merged switch
        {
            JsonObject one => [one],
            JsonArray many when many.All(m => m is JsonObject) => many.Cast<JsonObject>().ToList(),
            _ => throw new CliInputException($"{map.File}:{key.Start.Line}: << merges a mapping (or a list of them), e.g. <<: *defaults"),
        };
        foreach (var source in sources)
        {
            foreach (var (name, value) in source)
            {
                if (!entries.ContainsKey(name))
                {
                    entries[name] = value?.DeepClone();
                }
            }
        }
    }

    private static JsonNode? Anchored(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node?.DeepClone();
        }

        return node;
    }

    /// <summary>A scalar as JSON: YAML 1.2's core schema for plain scalars, text for quoted ones and !!str.</summary>
    private static JsonValue? Value(Scalar scalar)
    {
        var text = scalar.Value;
        var isText = scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str");
        if (isText)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return Real().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            ? JsonValue.Create(real)
            : JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Real();

    // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): "; the file:line:column says it.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
