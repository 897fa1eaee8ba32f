using System.Text.Json;
using System.Text.Json.Serialization;

namespace Watchpost.Models;

/// <summary>Reads a manifest's labels: a list of names, or "coco" for the 80 COCO names.</summary>
internal sealed class LabelsJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString();
            return name == "coco" ? CocoLabels.All : throw new JsonException($"labels \"{name}\": expected \"coco\" or a list of class names");
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"labels: expected \"coco\" or a list of class names, got {reader.TokenType}");
        }

        var labels = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            labels.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"labels: expected class names, got {reader.TokenType}"));
        }

        return labels;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (ReferenceEquals(value, CocoLabels.All))
        {
            writer.WriteStringValue("coco");
            return;
        }

        writer.WriteStartArray();
        foreach (var label in value)
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
    }
}
