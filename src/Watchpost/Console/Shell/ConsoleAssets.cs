using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Watchpost.WebConsole.Shell;

/// <summary>
/// The page's files, embedded from Console/wwwroot (see Watchpost.csproj) under <see cref="Prefix"/> and read
/// once at start. A request names a file by its path under wwwroot; nothing else is reachable (the lookup is a
/// dictionary of the embedded names, and a path with "..", "." or a backslash is refused before it).
/// </summary>
internal sealed class ConsoleAssets
{
    public const string Prefix = "Watchpost.ui/";

    public const string IndexName = "index.html";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, ConsoleAsset> _assets;

    public ConsoleAssets()
        : this(typeof(ConsoleAssets).Assembly)
    {
    }

    internal ConsoleAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            assets[path] = new ConsoleAsset(path, bytes, ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream"), etag);
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
        Index = _assets.TryGetValue(IndexName, out var index) ? Encoding.UTF8.GetString(index.Content)
            : "<!doctype html><html lang=\"{{lang}}\"><head><meta charset=\"utf-8\"><title>Watchpost</title></head><body data-page=\"{{page}}\">The console's page is missing from this build.</body></html>";
    }

    /// <summary>The shell's text with its {{lang}} and {{page}} placeholders.</summary>
    public string Index { get; }

    public int Count => _assets.Count;

    /// <summary>The file at <paramref name="path"/> (relative to wwwroot, '/' separated), or null when there is none or the path is not a plain one.</summary>
    public ConsoleAsset? Find(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\\', StringComparison.Ordinal) || path.Contains('%', StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            return null;
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return null;
            }
        }

        return _assets.GetValueOrDefault(path);
    }
}
