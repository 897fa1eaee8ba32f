using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Watchpost.Configuration;

namespace Watchpost.Mqtt;

/// <summary>
/// Where the appliance connects: host, port, credentials, TLS and the CA to trust. The ONE place a broker URL is
/// parsed and checked: the site file's validation calls <see cref="Check"/>, the MQTT stage <see cref="FromOptions"/>.
/// Neither the password nor the URL's credentials ever appear in <see cref="ToString"/> or an error message.
/// </summary>
public sealed record MqttBrokerEndpoint(string Host, int Port, string? Username, string? Password, bool UseTls = false)
{
    /// <summary>PEM file of the CA(s) the broker's certificate must chain to (only these are trusted); null = the system's CAs.</summary>
    public string? CaFile { get; init; }

    /// <summary>The site file's broker (mqtt.broker, mqtt.username, mqtt.password, mqtt.caFile), checked as <see cref="Check"/> does.</summary>
    /// <exception cref="FormatException">The broker settings are not valid; the message names the field.</exception>
    public static MqttBrokerEndpoint FromOptions(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        if (string.IsNullOrWhiteSpace(mqtt.Broker))
        {
            throw new FormatException("mqtt.broker: empty (the embedded broker is used then, not an endpoint)");
        }

        var endpoint = Parse(mqtt.Broker, mqtt.Username, mqtt.Password) with { CaFile = string.IsNullOrWhiteSpace(mqtt.CaFile) ? null : mqtt.CaFile };
        if (CheckCaFile(endpoint) is { } problem)
        {
            throw new FormatException(problem);
        }

        return endpoint;
    }

    /// <summary>What is wrong with the site's broker settings (each message names its field), or nothing.</summary>
    public static IReadOnlyList<string> Check(MqttOptions mqtt)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        if (string.IsNullOrWhiteSpace(mqtt.Broker))
        {
            return string.IsNullOrWhiteSpace(mqtt.CaFile) ? [] : ["mqtt.caFile: set, but mqtt.broker is empty (the embedded broker does not use TLS); set an mqtts:// broker or remove it"];
        }

        try
        {
            FromOptions(mqtt);
            return [];
        }
        catch (FormatException ex)
        {
            return [ex.Message];
        }
    }

    /// <summary>
    /// Parses mqtt://[user:pass@]host[:port] (1883 by default) or mqtts://... (TLS, 8883). Explicit
    /// <paramref name="username"/> / <paramref name="password"/> (mqtt.username / mqtt.password) win over the URL's.
    /// </summary>
    /// <exception cref="FormatException">Not a broker URL; the message shows the URL without its credentials.</exception>
    public static MqttBrokerEndpoint Parse(string url, string? username = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        string Problem(string what) =>
            $"mqtt.broker: '{Redact(url, password)}' {what}; expected mqtt://[USER:PASSWORD@]HOST[:PORT] or mqtts://... for TLS (or leave it empty for the embedded broker)";

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            throw new FormatException(Problem("is not a URL (or its port is not a number from 1 to 65535)"));
        }

        if (uri.Scheme is not ("mqtt" or "mqtts"))
        {
            throw new FormatException(Problem($"has the scheme '{uri.Scheme}'"));
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException(Problem("has no host"));
        }

        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new FormatException(Problem("has a path, query or fragment (an MQTT broker is a host and a port)"));
        }

        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 8883 : 1883) : uri.Port;
        if (port is < 1 or > 65535)
        {
            throw new FormatException(Problem("has port 0"));
        }

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

    /// <summary>Loads the CA file's certificates (PEM); the file was checked when the site was validated.</summary>
    public X509Certificate2Collection LoadCaCertificates()
    {
        if (CaFile is null)
        {
            throw new InvalidOperationException("no mqtt.caFile is set");
        }

        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(CaFile);
        return certificates;
    }

    /// <summary>Text that came from the site file with anything that may be a credential replaced by "***".</summary>
    internal static string Redact(string text, string? password = null)
    {
        var redacted = text;
        var scheme = redacted.IndexOf("://", StringComparison.Ordinal);
        var at = redacted.LastIndexOf('@');
        if (scheme >= 0 && at > scheme)
        {
            redacted = string.Concat(redacted.AsSpan(0, scheme + 3), "***", redacted.AsSpan(at));
        }

        if (!string.IsNullOrEmpty(password))
        {
            redacted = redacted.Replace(password, "***", StringComparison.Ordinal);
        }

        return redacted;
    }

    private static string? CheckCaFile(MqttBrokerEndpoint endpoint)
    {
        if (endpoint.CaFile is not { } caFile)
        {
            return null;
        }

        if (!endpoint.UseTls)
        {
            return $"mqtt.caFile: set, but mqtt.broker '{endpoint}' is not TLS; use mqtts:// or remove mqtt.caFile";
        }

        if (!File.Exists(caFile))
        {
            return $"mqtt.caFile: '{caFile}' does not exist; expected a PEM file with the CA certificate that signed the broker's";
        }

        try
        {
            return endpoint.LoadCaCertificates().Count == 0
                ? $"mqtt.caFile: '{caFile}' holds no certificate; expected PEM (-----BEGIN CERTIFICATE-----)"
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"mqtt.caFile: '{caFile}' cannot be read as PEM certificates: {ex.Message}";
        }
    }
}
