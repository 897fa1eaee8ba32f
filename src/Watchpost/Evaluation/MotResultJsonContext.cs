using System.Text.Json.Serialization;

namespace Watchpost.Evaluation;

/// <summary>Source-generated JSON for <see cref="MotResult"/>.</summary>
[JsonSerializable(typeof(MotResult))]
internal sealed partial class MotResultJsonContext : JsonSerializerContext
{
    public static MotResultJsonContext Indented { get; } = new(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
