using System.Text.Json.Serialization;

namespace Watchpost.Cli;

/// <summary>What `watchpost mqtt credentials --json` prints.</summary>
internal sealed record CredentialsView(string Broker, string Topics, string File, IReadOnlyList<AccountView> Users);

/// <summary>One client account; <see cref="Password"/> and <see cref="Url"/> are null until the service has generated the password.</summary>
internal sealed record AccountView(string Username, string Role, string? Password, string PasswordSource, string? Url);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CredentialsView))]
internal sealed partial class MqttCliJsonContext : JsonSerializerContext;
