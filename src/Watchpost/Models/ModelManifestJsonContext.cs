using System.Text.Json.Serialization;

namespace Watchpost.Models;

/// <summary>Source-generated JSON for the model manifest; unknown keys are errors, as in the site file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelManifestDocument))]
internal sealed partial class ModelManifestJsonContext : JsonSerializerContext;

/// <summary>The manifest file's top level.</summary>
internal sealed record ModelManifestDocument
{
    public required IReadOnlyList<ModelManifestEntry> Models { get; init; }
}
