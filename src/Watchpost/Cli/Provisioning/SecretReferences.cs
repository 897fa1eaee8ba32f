using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watchpost.Ingest;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// The <c>${NAME}</c> references of a provisioning file, replaced by their values: from <c>--secrets FILE</c> when it
/// has the name, else from the environment. Every value put in is remembered, so that nothing printed (changes,
/// errors) shows it: <see cref="Mask"/> replaces it with ***. Passwords may only be written as references: a
/// password in clear in the provisioning file is refused (the file is meant to be kept and passed around).
/// <c>$${</c> is a literal <c>${</c>.
/// </summary>
internal sealed partial class SecretReferences
{
    public const string Hidden = "***";

    private const int ShortValue = 6;

    private readonly IReadOnlyDictionary<string, string> _file;
    private readonly Func<string, string?> _environment;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paths = new(StringComparer.OrdinalIgnoreCase);

    public SecretReferences(IReadOnlyDictionary<string, string> file, Func<string, string?> environment)
    {
        _file = file;
        _environment = environment;
    }

    public static bool IsName(string name) => Name().IsMatch(name);

    /// <summary>Whether a value at this path came from a reference (the diff shows it as ***).</summary>
    public bool IsSecretPath(string path) => _paths.Contains(path);

    /// <summary>Replaces every reference in the tree's text values; a problem is reported with its path, never the value.</summary>
    public void Resolve(JsonNode? node, string path, Action<string, string> error)
    {
        switch (node)
        {
            case JsonObject entries:
                foreach (var (key, value) in entries.ToList())
                {
                    var child = SourceMap.Child(path, key);
                    if (key.Equals("password", StringComparison.OrdinalIgnoreCase) && value is not null && !IsReference(value))
                    {
                        error(child, "a password is not written in clear in a provisioning file; write it as ${ENV_NAME} and set that variable (or put ENV_NAME=... in --secrets FILE)");
                        entries[key] = Hidden;
                        continue;
                    }

                    if (key.Equals("url", StringComparison.OrdinalIgnoreCase) && value is JsonValue url && url.TryGetValue<string>(out var text)
                        && Reference().Replace(text, "") is var bare && UrlRedaction.Redact(bare) != bare)
                    {
                        error(child, "the camera's password is written in clear; write it as ${ENV_NAME} (rtsp://user:${CAMERA_PASSWORD}@host/...)");
                        entries[key] = UrlRedaction.Redact(text);
                        continue;
                    }

                    Resolve(value, child, error);
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    Resolve(items[i], SourceMap.Item(path, i), error);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Contains("${", StringComparison.Ordinal):
                node.ReplaceWith(JsonValue.Create(Substitute(text, path, error)));
                break;
        }
    }

    /// <summary>The text with each secret value put in replaced by ***.</summary>
    public string Mask(string text)
    {
        foreach (var value in _values.OrderByDescending(v => v.Length))
        {
            // A short value ("x", "1234") is hidden where it stands alone, not inside every word that has it.
            text = value.Length >= ShortValue ? text.Replace(value, Hidden, StringComparison.Ordinal)
                : Regex.Replace(text, $@"(?<![A-Za-z0-9]){Regex.Escape(value)}(?![A-Za-z0-9])", Hidden, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return text;
    }

    private static bool IsReference(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && WholeReference().IsMatch(text);

    private string Substitute(string text, string path, Action<string, string> error)
    {
        _paths.Add(path);
        var result = Reference().Replace(text, match =>
        {
            if (match.Value == "$${")
            {
                return "${";
            }

            var name = match.Groups["name"].Value;
            if (!IsName(name))
            {
                error(path, $"'${{{name}}}' is not a reference; expected ${{ENV_NAME}} with ENV_NAME letters, digits and '_' (write $${{ for a literal ${{)");
                return "";
            }

            var value = _file.TryGetValue(name, out var fromFile) ? fromFile : _environment(name);
            if (value is null)
            {
                error(path, $"${{{name}}}: the variable {name} is not set; export {name}=... or put {name}=... in --secrets FILE");
                return "";
            }

            if (value.Length > 0)
            {
                _values.Add(value);
            }

            return value;
        });
        return result;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"\$\$\{|\$\{(?<name>[^}]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")]
    private static partial Regex WholeReference();
}
