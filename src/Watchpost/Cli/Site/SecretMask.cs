using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watchpost.Ingest;

namespace Watchpost.Cli.Site;

/// <summary>
/// What the verbs print of a site never holds a secret: the password of a URL (rtsp://user:***@host, mqtt://...),
/// a password-like query parameter (?password=***), and the value of any key named like a password, secret or token.
/// </summary>
internal static partial class SecretMask
{
    public const string Mask = "***";

    /// <summary>A URL (or any text holding one) with its password and password-like query parameters masked.</summary>
    public static string Url(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return QueryPattern().Replace(UrlRedaction.Redact(url), m => $"{m.Groups["key"].Value}={Mask}");
    }

    /// <summary>Masks <paramref name="node"/> in place: secret keys' values, and the passwords inside every string.</summary>
    public static void Apply(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value)
                    {
                        obj[key] = Masked(value, IsSecretKey(key));
                    }
                    else
                    {
                        Apply(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value)
                    {
                        array[i] = Masked(value, secret: false);
                    }
                    else
                    {
                        Apply(array[i]);
                    }
                }

                break;
        }
    }

    /// <summary>password, mqttPassword, secret, clientSecret, token, apiKey, passphrase, ... (any spelling).</summary>
    public static bool IsSecretKey(string key) => SecretKeyPattern().IsMatch(key);

    private static JsonValue Masked(JsonValue value, bool secret) => value.GetValueKind() switch
    {
        JsonValueKind.String when secret => JsonValue.Create(Mask),
        JsonValueKind.String => JsonValue.Create(Url(value.GetValue<string>())),
        JsonValueKind.Number when secret => JsonValue.Create(Mask),
        _ => (JsonValue)value.DeepClone(),
    };

    [GeneratedRegex("(passw(or)?d|pwd|secret|token|passphrase|api_?key|credential)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKeyPattern();

    [GeneratedRegex(@"(?<key>\b(passw(or)?d|pwd|secret|token|passphrase|api_?key|auth))=(?<value>[^&#\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex QueryPattern();
}
