namespace Watchpost.Cli.Provisioning;

/// <summary>
/// Where each value of a provisioning file is: its JSON path as the loader names fields ("rules[1].zone",
/// "cameras[0]", keys in lower case since the site file's keys are matched in any case) to its line and column.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.OrdinalIgnoreCase);

    public SourceMap(string file)
    {
        File = file;
    }

    /// <summary>The file as the installer named it.</summary>
    public string File { get; }

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";

    public void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>The line of the path, else of the nearest entry or section that holds it; null when none is known.</summary>
    public int? LineOf(string path)
    {
        for (var at = path; ; at = Parent(at))
        {
            if (_positions.TryGetValue(at, out var position))
            {
                return position.Line;
            }

            if (at.Length == 0)
            {
                return null;
            }
        }
    }

    /// <summary>"FILE:LINE" for the path (just FILE when no line is known).</summary>
    public string Locate(string path) => LineOf(path) is { } line ? $"{File}:{line}" : File;

    /// <summary>The paths whose last key is <paramref name="key"/> (for a message that names a key but not where it is).</summary>
    public IEnumerable<string> PathsEndingWith(string key) =>
        _positions.Keys.Where(p => p.Equals(key, StringComparison.OrdinalIgnoreCase) || p.EndsWith("." + key, StringComparison.OrdinalIgnoreCase));

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
