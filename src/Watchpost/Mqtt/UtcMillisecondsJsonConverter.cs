using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Watchpost.Mqtt;

/// <summary>Writes a DateTime as UTC ISO-8601 with exactly three decimals and "Z" (2026-11-29T21:04:05.120Z).</summary>
internal sealed class UtcMillisecondsJsonConverter : JsonConverter<DateTime>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        // An unspecified kind is already UTC in Watchpost; never let it be shifted as if it were local.
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        writer.WriteStringValue(utc.ToString(Format, CultureInfo.InvariantCulture));
    }
}
