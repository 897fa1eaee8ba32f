using System.Text.Json.Serialization;

namespace Watchpost.Cli;

/// <summary>Source-generated JSON of `watchpost gpio list --json` (snake_case, as every payload).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GpioListDocument))]
internal sealed partial class GpioCliJsonContext : JsonSerializerContext;
