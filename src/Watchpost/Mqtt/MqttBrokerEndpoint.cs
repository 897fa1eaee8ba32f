using System.Globalization;

namespace Watchpost.Mqtt;

/// <summary>Where the publisher connects: host, port, credentials and whether to use TLS.</summary>
public sealed record MqttBrokerEndpoint(string Host, int Port, string? Username, string? Password, bool UseTls = false)
{
    /// <summary>
    /// Parses mqtt://[user:pass@]host[:port] (1883 by default) or mqtts://... (TLS, 8883). Explicit
    /// <paramref name="username"/> / <paramref name="password"/> (mqtt.username / mqtt.password) win over the URL's.
    /// </summary>
    public static MqttBrokerEndpoint Parse(string url, string? username = null, string? password = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"mqtt.broker '{url}' is not a broker URL: expected mqtt://host:port or mqtts://host:port (or null for the embedded broker).");
        }

        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port;
        string? urlUser = null, urlPassword = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            urlUser = Uri.UnescapeDataString(parts[0]);
            urlPassword = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        return new MqttBrokerEndpoint(uri.Host.Trim('[', ']'), port, username ?? urlUser, password ?? urlPassword, tls);
    }

    /// <summary>The URL with credentials, e.g. to print for a user of the embedded broker.</summary>
    public string ToUrl(bool includeCredentials)
    {
        var scheme = UseTls ? "mqtts" : "mqtt";
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var credentials = includeCredentials && Username is not null
            ? Uri.EscapeDataString(Username) + (Password is null ? "" : ":" + Uri.EscapeDataString(Password)) + "@"
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"{scheme}://{credentials}{host}:{Port}");
    }

    /// <summary>Never prints the password (logs call this).</summary>
    public override string ToString() => ToUrl(includeCredentials: false);
}
