using System.Text.Json.Serialization;

namespace Watchpost.Evaluation;

/// <summary>Source-generated JSON for `eval behaviour` output (snake_case keys).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EvaluatedEvent))]
[JsonSerializable(typeof(BehaviourReport))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
