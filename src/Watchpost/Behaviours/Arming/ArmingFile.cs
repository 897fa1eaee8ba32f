using System.Text.Json.Serialization;

namespace Watchpost.Behaviours;

/// <summary>The arming state file (<c>&lt;storage.path&gt;/arming.json</c>): the disarms in force.</summary>
internal sealed class ArmingFile
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public List<ArmingFileEntry> Disarmed { get; set; } = [];
}

internal sealed class ArmingFileEntry
{
    /// <summary>"everything", "camera", "zone", "line" or "rule".</summary>
    public string Target { get; set; } = "";

    public string? Id { get; set; }

    public string By { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? Until { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArmingFile))]
internal sealed partial class ArmingJsonContext : JsonSerializerContext;
