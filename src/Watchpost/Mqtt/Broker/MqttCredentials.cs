using System.Security.Cryptography;
using System.Text;

namespace Watchpost.Mqtt.Broker;

/// <summary>
/// The accounts of the embedded broker: the appliance's own and the site's clients (controllers, viewers).
/// <see cref="Authenticate"/> compares SHA-256 digests in constant time, so neither a password's content nor its
/// length shows in how long a refusal takes.
/// </summary>
public sealed class MqttCredentials
{
    private static readonly byte[] NoSuchUserDigest = SHA256.HashData("no such user"u8);

    private readonly Dictionary<string, (MqttAccount Account, byte[]? Digest)> _byUsername;

    public MqttCredentials(MqttAccount appliance, IReadOnlyList<MqttAccount> users, string filePath)
    {
        ArgumentNullException.ThrowIfNull(appliance);
        ArgumentNullException.ThrowIfNull(users);
        Appliance = appliance;
        Users = users;
        FilePath = filePath;
        _byUsername = new Dictionary<string, (MqttAccount, byte[]?)>(StringComparer.Ordinal);
        foreach (var account in users.Prepend(appliance))
        {
            _byUsername.Add(account.Username, (account, account.Password is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(account.Password))));
        }
    }

    /// <summary>The account the appliance's own MQTT connection uses.</summary>
    public MqttAccount Appliance { get; }

    /// <summary>The site's clients, in the order of mqtt.users (a default controller when the list is empty).</summary>
    public IReadOnlyList<MqttAccount> Users { get; }

    /// <summary>Where the generated passwords are kept.</summary>
    public string FilePath { get; }

    /// <summary>True when every account has a password (always so for the service; the CLI may see accounts the service has not started with yet).</summary>
    public bool Complete => _byUsername.Values.All(a => a.Digest is not null);

    /// <summary>The account by user name (user names are not secret), or null.</summary>
    public MqttAccount? Find(string? username) =>
        username is not null && _byUsername.TryGetValue(username, out var entry) ? entry.Account : null;

    /// <summary>The account whose user name and password these are, or null.</summary>
    public MqttAccount? Authenticate(string? username, ReadOnlySpan<byte> password)
    {
        var found = username is not null && _byUsername.TryGetValue(username, out var entry) && entry.Digest is not null ? entry : default;
        var given = SHA256.HashData(password);
        var match = CryptographicOperations.FixedTimeEquals(given, found.Digest ?? NoSuchUserDigest);
        return match && found.Account is not null ? found.Account : null;
    }
}
