using System.Globalization;
using System.IO.Enumeration;
using System.Text.RegularExpressions;

namespace Watchpost.Evaluation;

/// <summary>
/// Clip-level truth for `eval behaviour`, by the video's full path: from GMDCSA24 label files (a file D/X.csv
/// labels the clips in folder D/X/; a "Falling (..)[a to b]" range makes a clip positive with that range), or
/// from a file-name pattern (matching clips are positive, the others negative).
/// </summary>
public sealed partial class ClipLabels
{
    private readonly Dictionary<string, ClipLabel> _byPath = new(StringComparer.Ordinal);
    private readonly string? _positivePattern;

    public ClipLabels(IEnumerable<string> gmdcsaCsvFiles, string? positivePattern)
    {
        ArgumentNullException.ThrowIfNull(gmdcsaCsvFiles);
        _positivePattern = positivePattern;
        foreach (var csv in gmdcsaCsvFiles)
        {
            ReadGmdcsa(Path.GetFullPath(csv));
        }
    }

    public bool IsEmpty => _byPath.Count == 0 && _positivePattern is null;

    /// <summary>The label of a video, or null when nothing labels it.</summary>
    public ClipLabel? For(string videoPath)
    {
        var full = Path.GetFullPath(videoPath);
        if (_byPath.TryGetValue(full, out var label))
        {
            return label;
        }

        return _positivePattern is null ? null : new ClipLabel(FileSystemName.MatchesSimpleExpression(_positivePattern, Path.GetFileName(full)));
    }

    private void ReadGmdcsa(string csv)
    {
        if (!File.Exists(csv))
        {
            throw new FileNotFoundException($"--labels-csv {csv}: no such file", csv);
        }

        var folder = Path.Combine(Path.GetDirectoryName(csv)!, Path.GetFileNameWithoutExtension(csv));
        var lineNumber = 0;
        foreach (var line in File.ReadLines(csv))
        {
            if (lineNumber++ == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;   // header
            }

            var fields = line.Split(',');
            if (fields.Length < 3)
            {
                throw new FormatException($"{csv}:{lineNumber}: expected 'File Name,...,Classes', got '{line}'");
            }

            var classes = fields[^1];
            var falling = FallingRange().Match(classes);
            _byPath[Path.Combine(folder, fields[0].Trim())] = falling.Success
                ? new ClipLabel(true, Number(falling.Groups[1].Value), Number(falling.Groups[2].Value))
                : new ClipLabel(false);
        }
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Falling[^\[]*\[\s*([0-9.]+)\s*to\s*([0-9.]+)\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex FallingRange();
}
