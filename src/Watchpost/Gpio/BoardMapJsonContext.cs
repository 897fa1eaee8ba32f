using System.Text.Json.Serialization;

namespace Watchpost.Gpio;

/// <summary>Source-generated JSON for the board maps; unknown keys are errors, as in the site file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BoardMap))]
internal sealed partial class BoardMapJsonContext : JsonSerializerContext;
