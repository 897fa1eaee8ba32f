using System.Text.Json.Serialization;

namespace Watchpost.Mqtt.Broker;

/// <summary>
/// <c>&lt;storage.path&gt;/mqtt-credentials.json</c> (mode 0600): the generated passwords only, by user name.
/// Passwords written in the site file are not copied here.
/// </summary>
internal sealed class MqttCredentialsFile
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public Dictionary<string, string> Passwords { get; set; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(MqttCredentialsFile))]
internal sealed partial class MqttCredentialsJsonContext : JsonSerializerContext;
