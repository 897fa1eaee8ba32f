using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Storage;

namespace Watchpost.Mqtt.Broker;

/// <summary>
/// Resolves the accounts of the embedded broker from the site file and keeps the passwords it does not give in
/// <c>&lt;storage.path&gt;/mqtt-credentials.json</c>: generated once (<see cref="RandomNumberGenerator"/>),
/// written with mode 0600 through a temporary file and a rename, and reused at every start. The service calls
/// <see cref="LoadOrCreate"/>; `watchpost mqtt credentials` calls <see cref="Read"/>, which never writes.
/// </summary>
public sealed class MqttCredentialStore
{
    public const string FileName = "mqtt-credentials.json";

    /// <summary>The appliance's own account unless mqtt.username names another.</summary>
    public const string DefaultApplianceUsername = "watchpost";

    /// <summary>The client account made when mqtt.users is empty, so that a new box can be subscribed to at once.</summary>
    public const string DefaultControllerUsername = "controller";

    /// <summary>Length of a generated password: 32 of 57 unambiguous letters and digits, about 186 bits, nothing to escape in a URL.</summary>
    public const int GeneratedLength = 32;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public MqttCredentialStore(string storagePath, ILogger logger, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storagePath);
        FilePath = Path.Combine(Path.GetFullPath(storagePath), FileName);
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    public string FilePath { get; }

    /// <summary>
    /// The accounts for the service: passwords from the site file, else from the credentials file, else generated
    /// now and written there. A damaged file is moved aside and its passwords generated anew (logged as an error:
    /// every client must be given the new ones); one that cannot be read or written stops the start.
    /// </summary>
    public MqttCredentials LoadOrCreate(MqttOptions mqtt)
    {
        var declared = Declare(mqtt);
        var stored = ReadFile(moveAsideWhenDamaged: true) ?? [];
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        var accounts = new List<MqttAccount>();
        foreach (var (username, role, password) in declared)
        {
            if (password is not null)
            {
                accounts.Add(new MqttAccount(username, role, password, MqttPasswordSource.SiteFile));
                continue;
            }

            if (!stored.TryGetValue(username, out var generated) || generated.Length < GeneratedLength)
            {
                generated = RandomNumberGenerator.GetString(Alphabet, GeneratedLength);
                _logger.LogInformation("Generated a password for MQTT user {User} of the embedded broker (shown by `watchpost mqtt credentials`)", username);
            }

            kept[username] = generated;
            accounts.Add(new MqttAccount(username, role, generated, MqttPasswordSource.Generated));
        }

        // Only what is needed: a user removed from the site file, or given a password there, leaves the file.
        if (!SameEntries(stored, kept))
        {
            Write(kept);
        }

        return new MqttCredentials(accounts[0], accounts.GetRange(1, accounts.Count - 1), FilePath);
    }

    /// <summary>The accounts as the service has them, without writing anything; a password not generated yet is null.</summary>
    /// <exception cref="MqttCredentialsException">The file is damaged or cannot be read.</exception>
    public MqttCredentials Read(MqttOptions mqtt)
    {
        var stored = ReadFile(moveAsideWhenDamaged: false) ?? [];
        var accounts = Declare(mqtt).Select(d => d.Password is not null
                ? new MqttAccount(d.Username, d.Role, d.Password, MqttPasswordSource.SiteFile)
                : stored.TryGetValue(d.Username, out var generated)
                    ? new MqttAccount(d.Username, d.Role, generated, MqttPasswordSource.Generated)
                    : new MqttAccount(d.Username, d.Role, null, MqttPasswordSource.NotGeneratedYet))
            .ToList();
        return new MqttCredentials(accounts[0], accounts.GetRange(1, accounts.Count - 1), FilePath);
    }

    /// <summary>The appliance's account first, then the clients; refuses duplicate user names and unknown roles.</summary>
    internal static List<(string Username, MqttRole Role, string? Password)> Declare(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        var appliance = string.IsNullOrEmpty(mqtt.Username) ? DefaultApplianceUsername : mqtt.Username;
        var declared = new List<(string, MqttRole, string?)> { (appliance, MqttRole.Appliance, NullIfEmpty(mqtt.Password)) };
        if (mqtt.Users.Count == 0)
        {
            declared.Add((DefaultControllerUsername, MqttRole.Controller, null));
        }

        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { appliance };
        for (var i = 0; i < mqtt.Users.Count; i++)
        {
            var user = mqtt.Users[i];
            if (!seen.Add(user.Username))
            {
                errors.Add(user.Username == appliance
                    ? $"mqtt.users[{i}].username: '{user.Username}' is the appliance's own account (mqtt.username, default '{DefaultApplianceUsername}'); give the client another name"
                    : $"mqtt.users[{i}].username: '{user.Username}' is listed twice");
            }

            MqttRole? role = user.Role switch { "controller" => MqttRole.Controller, "viewer" => MqttRole.Viewer, _ => null };
            if (role is null)
            {
                errors.Add($"mqtt.users[{i}].role: '{user.Role}' is not a role; expected 'controller' or 'viewer'");
                continue;
            }

            declared.Add((user.Username, role.Value, NullIfEmpty(user.Password)));
        }

        return errors.Count == 0 ? declared : throw new InvalidConfigurationException("mqtt", string.Join(Environment.NewLine + "  ", errors));
    }

    private static string? NullIfEmpty(string? password) => string.IsNullOrEmpty(password) ? null : password;

    private static bool SameEntries(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>The stored passwords; null when there is no file (or a damaged one was moved aside).</summary>
    private Dictionary<string, string>? ReadFile(bool moveAsideWhenDamaged)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        MqttCredentialsFile? file;
        try
        {
            TightenMode();
            file = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), MqttCredentialsJsonContext.Default.MqttCredentialsFile);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MqttCredentialsException(
                $"cannot read the MQTT credentials file {FilePath} ({e.Message}): run as the service's user (watchpost) or as root", e);
        }
        catch (IOException e)
        {
            throw new MqttCredentialsException($"cannot read the MQTT credentials file {FilePath}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            return Damaged(moveAsideWhenDamaged, $"not valid JSON: {e.Message}");
        }

        if (file is null || file.Version != MqttCredentialsFile.CurrentVersion || file.Passwords is null)
        {
            return Damaged(moveAsideWhenDamaged, file is null ? "the file holds null" : $"version {file.Version}, expected {MqttCredentialsFile.CurrentVersion}");
        }

        return new Dictionary<string, string>(file.Passwords.Where(kv => !string.IsNullOrEmpty(kv.Value)), StringComparer.Ordinal);
    }

    /// <summary>A file that others on the box may read is made owner-only and reported: its passwords may have been read.</summary>
    private void TightenMode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(FilePath);
        if ((mode & GroupOrOther) == 0)
        {
            return;
        }

        File.SetUnixFileMode(FilePath, PrivateFile.OwnerOnly);
        _logger.LogWarning(
            "The MQTT credentials file {Path} was readable by other users (mode {Mode}); made it 0600. Its passwords may have been read: to change them, delete the file and restart the service, then give the clients the new ones",
            FilePath, Convert.ToString((int)mode, 8));
    }

    private Dictionary<string, string>? Damaged(bool moveAside, string reason)
    {
        if (!moveAside)
        {
            throw new MqttCredentialsException($"the MQTT credentials file {FilePath} is damaged ({reason}); the service moves it aside and generates new passwords at its next start");
        }

        string aside;
        try
        {
            aside = PrivateFile.MoveAside(FilePath, PrivateFile.DamagedStamp(_time.GetUtcNow()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MqttCredentialsException($"the MQTT credentials file {FilePath} is damaged ({reason}) and cannot be moved aside: {e.Message}", e);
        }

        _logger.LogError(
            "The MQTT credentials file {Path} is damaged ({Reason}); moved it aside to {Aside} and generated NEW passwords: give every MQTT client the ones `watchpost mqtt credentials` shows",
            FilePath, reason, aside);
        return null;
    }

    private void Write(Dictionary<string, string> passwords)
    {
        try
        {
            PrivateFile.WriteJson(FilePath, new MqttCredentialsFile { Passwords = passwords }, MqttCredentialsJsonContext.Default.MqttCredentialsFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MqttCredentialsException($"cannot write the MQTT credentials file {FilePath} (storage.path): {e.Message}", e);
        }
    }
}
