using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// Reads a JSON provisioning file (or a site file: comments and trailing commas allowed, as the loader reads it)
/// into a tree, noting each value's line in a <see cref="SourceMap"/>. Duplicate keys are refused, in any case.
/// </summary>
internal static partial class JsonTreeReader
{
    private static readonly JsonReaderOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <exception cref="CliInputException">Not valid JSON, or not an object (the message gives file:line:column).</exception>
    public static JsonObject Read(ReadOnlySpan<byte> content, SourceMap map)
    {
        content = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        var lines = LineStarts(content);
        var reader = new Utf8JsonReader(content, Reading);
        try
        {
            if (!reader.Read())
            {
                throw new CliInputException($"{map.File}: the file is empty; expected a JSON object of the site's sections");
            }

            var root = Node(ref reader, "", map, lines);
            if (reader.Read())
            {
                throw new CliInputException($"{map.File}:{Line(lines, reader.TokenStartIndex)}: more after the end of the JSON object");
            }

            return root as JsonObject ?? throw new CliInputException($"{map.File}:1: expected a JSON object of the site's sections");
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{map.File}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON: {Position().Replace(e.Message, "")}", e);
        }
    }

    private static JsonNode? Node(ref Utf8JsonReader reader, string path, SourceMap map, List<long> lines)
    {
        var line = Line(lines, reader.TokenStartIndex);
        map.Add(path, line, (int)(reader.TokenStartIndex - lines[line - 1]) + 1);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var keyLine = Line(lines, reader.TokenStartIndex);
                    if (entries.ContainsKey(key))
                    {
                        throw new CliInputException($"{map.File}:{keyLine}: {SourceMap.Child(path, key)}: the key is given twice (keys are matched in any case)");
                    }

                    var child = SourceMap.Child(path, key);
                    map.Add(child, keyLine, (int)(reader.TokenStartIndex - lines[keyLine - 1]) + 1);
                    reader.Read();
                    entries[key] = Node(ref reader, child, map, lines);
                }

                return entries;
            }

            case JsonTokenType.StartArray:
            {
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(Node(ref reader, SourceMap.Item(path, array.Count), map, lines));
                }

                return array;
            }

            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var integer) ? JsonValue.Create(integer) : JsonValue.Create(reader.GetDouble());
            case JsonTokenType.True:
            case JsonTokenType.False:
                return JsonValue.Create(reader.GetBoolean());
            default:
                return null;
        }
    }

    private static List<long> LineStarts(ReadOnlySpan<byte> content)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>The 1-based line of a byte offset.</summary>
    private static int Line(List<long> starts, long offset)
    {
        var found = starts.BinarySearch(offset);
        return found >= 0 ? found + 1 : ~found;
    }

    // System.Text.Json ends its messages with " LineNumber: 2 | BytePositionInLine: 4."; the file:line:column says it.
    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex Position();
}
