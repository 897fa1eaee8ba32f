using System.Text.Json.Serialization;

namespace Watchpost.WebConsole.Auth;

/// <summary><c>&lt;storage.path&gt;/console-users.json</c> (mode 0600): the console's accounts with hashed passwords.</summary>
internal sealed class ConsoleUsersFile
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public List<ConsoleUserEntry> Users { get; set; } = [];
}

/// <summary>One account in <see cref="ConsoleUsersFile"/>; the role is a word ("viewer", "operator", "admin").</summary>
internal sealed class ConsoleUserEntry
{
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ConsoleUsersFile))]
internal sealed partial class ConsoleUsersJsonContext : JsonSerializerContext;
