using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Watchpost.Storage;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// The console's accounts in <c>&lt;storage.path&gt;/console-users.json</c>: passwords hashed with ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted), written with mode 0600 through a temporary
/// file and a rename, as <see cref="Mqtt.Broker.MqttCredentialStore"/> does. The service reads the file at each
/// login, so `watchpost user add / passwd / remove` take effect without a restart. There is no default account:
/// with no file nobody can log in.
/// </summary>
public sealed class ConsoleUserStore
{
    public const string FileName = "console-users.json";

    /// <summary>Length of a generated password: 20 of 57 unambiguous letters and digits, about 116 bits.</summary>
    public const int GeneratedLength = 20;

    /// <summary>The shortest password the verbs accept.</summary>
    public const int MinimumLength = 10;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static readonly PasswordHasher<ConsoleUser> Hasher = new();
    private readonly TimeProvider _time;
    private readonly Lock _writing = new();
    private CachedUsers? _cache;

    public ConsoleUserStore(string storagePath, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storagePath);
        FilePath = Path.Combine(Path.GetFullPath(storagePath), FileName);
        _time = time ?? TimeProvider.System;
    }

    public string FilePath { get; }

    /// <summary>A new random password, for `user add` without --password-stdin and for `demo`.</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>The role's word in the file, the CLI and the claims.</summary>
    public static string RoleName(ConsoleRole role) => role switch
    {
        ConsoleRole.Viewer => "viewer",
        ConsoleRole.Operator => "operator",
        _ => "admin",
    };

    /// <exception cref="ConsoleUserException">Not one of the three roles.</exception>
    public static ConsoleRole ParseRole(string? role) => role switch
    {
        "viewer" => ConsoleRole.Viewer,
        "operator" => ConsoleRole.Operator,
        "admin" => ConsoleRole.Admin,
        _ => throw new ConsoleUserException($"--role: '{role}' is not a role; expected 'viewer', 'operator' or 'admin'"),
    };

    /// <summary>Every account, in the order they were added; empty when there is no file.</summary>
    public IReadOnlyList<ConsoleUser> List() => [.. ReadFile().Users.Select(ToUser)];

    /// <exception cref="ConsoleUserException">The name is taken or not valid, or the password too short.</exception>
    public ConsoleUser Add(string name, ConsoleRole role, string password)
    {
        CheckName(name);
        CheckPassword(password);
        lock (_writing)
        {
            var file = ReadFile();
            if (file.Users.Any(u => u.Name == name))
            {
                throw new ConsoleUserException($"user '{name}' already exists in {FilePath}; use `watchpost user passwd {name}` to change the password");
            }

            var user = new ConsoleUser(name, role, "", _time.GetUtcNow());
            user = user with { PasswordHash = Hasher.HashPassword(user, password) };
            file.Users.Add(new ConsoleUserEntry { Name = name, Role = RoleName(role), PasswordHash = user.PasswordHash, CreatedAt = user.CreatedAt });
            Write(file);
            return user;
        }
    }

    /// <exception cref="ConsoleUserException">No such user, or the password too short.</exception>
    public void SetPassword(string name, string password)
    {
        CheckPassword(password);
        lock (_writing)
        {
            var file = ReadFile();
            var entry = file.Users.FirstOrDefault(u => u.Name == name) ?? throw Missing(name);
            entry.PasswordHash = Hasher.HashPassword(ToUser(entry), password);
            Write(file);
        }
    }

    /// <exception cref="ConsoleUserException">No such user.</exception>
    public void Remove(string name)
    {
        lock (_writing)
        {
            var file = ReadFile();
            if (file.Users.RemoveAll(u => u.Name == name) == 0)
            {
                throw Missing(name);
            }

            Write(file);
        }
    }

    /// <summary>The account when the name and password match, else null (the same for an unknown name and a wrong password).</summary>
    public ConsoleUser? Verify(string name, string password)
    {
        var entry = ReadFile().Users.FirstOrDefault(u => u.Name == name);
        if (entry is null)
        {
            // Hash anyway, so that an unknown name takes as long as a wrong password.
            Hasher.HashPassword(new ConsoleUser(name, ConsoleRole.Viewer, "", default), password);
            return null;
        }

        var user = ToUser(entry);
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>
    /// What a session cookie remembers of its account: it changes with the password and the role, so that
    /// `user passwd`, a new role or `user remove` ends the sessions already open at their next request.
    /// </summary>
    public static string Stamp(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{user.Role}\n{user.PasswordHash}")))[..16];
    }

    /// <summary>The account by name, or null; served from memory while the file is unchanged (each request of a session asks).</summary>
    public ConsoleUser? Find(string name)
    {
        var info = new FileInfo(FilePath);
        var version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        var cached = _cache;
        if (cached is null || cached.Version != version)
        {
            cached = new CachedUsers(version, List());
            _cache = cached;
        }

        return cached.Users.FirstOrDefault(u => u.Name == name);
    }

    private ConsoleUserException Missing(string name) => new($"user '{name}' does not exist in {FilePath} (see `watchpost user list`)");

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new ConsoleUserException($"user name '{name}': expected 1 to 64 characters without spaces or control characters");
        }
    }

    private static void CheckPassword(string password)
    {
        if (password.Length < MinimumLength)
        {
            throw new ConsoleUserException($"password: {password.Length} characters, expected at least {MinimumLength}");
        }
    }

    private static ConsoleUser ToUser(ConsoleUserEntry e) => new(e.Name, ParseRole(e.Role), e.PasswordHash, e.CreatedAt);

    private ConsoleUsersFile ReadFile()
    {
        if (!File.Exists(FilePath))
        {
            return new ConsoleUsersFile();
        }

        ConsoleUsersFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), ConsoleUsersJsonContext.Default.ConsoleUsersFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConsoleUserException($"cannot read the console users file {FilePath}: {e.Message}", e);
        }

        if (file is null || file.Version != ConsoleUsersFile.CurrentVersion || file.Users is null
            || file.Users.Any(u => u.Role is not ("viewer" or "operator" or "admin")))
        {
            throw new ConsoleUserException($"the console users file {FilePath} is damaged (expected version {ConsoleUsersFile.CurrentVersion} with roles viewer, operator or admin)");
        }

        return file;
    }

    private void Write(ConsoleUsersFile file)
    {
        try
        {
            PrivateFile.WriteJson(FilePath, file, ConsoleUsersJsonContext.Default.ConsoleUsersFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConsoleUserException($"cannot write the console users file {FilePath} (storage.path): {e.Message}", e);
        }
    }

    private sealed record CachedUsers((DateTime, long) Version, IReadOnlyList<ConsoleUser> Users);
}
