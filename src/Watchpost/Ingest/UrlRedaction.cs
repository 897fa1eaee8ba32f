using System.Text.RegularExpressions;

namespace Watchpost.Ingest;

/// <summary>Hides the password of a camera URL (rtsp://user:pass@host) in anything logged or shown.</summary>
internal static partial class UrlRedaction
{
    private const string Mask = "***";

    /// <summary>The URL with its password replaced by ***.</summary>
    public static string Redact(string url) =>
        Password(url) is null ? url : UserInfoPattern().Replace(url, m => $"{m.Groups["prefix"].Value}{Mask}@", 1);

    /// <summary>Text (an ffmpeg message, say) with every occurrence of the URL's password replaced by ***.</summary>
    public static string Redact(string text, string url) =>
        Password(url) is { } password ? text.Replace(password, Mask, StringComparison.Ordinal) : text;

    private static string? Password(string url)
    {
        var match = UserInfoPattern().Match(url);
        return match.Success && match.Groups["password"].Length > 0 ? match.Groups["password"].Value : null;
    }

    [GeneratedRegex(@"^(?<prefix>[A-Za-z][A-Za-z0-9+.-]*://[^:@/]*:)(?<password>[^@/]*)@")]
    private static partial Regex UserInfoPattern();
}
