using System.Globalization;
using System.Text;
using Watchpost.Detection;

namespace Watchpost.Evaluation;

/// <summary>Reads and writes MOTChallenge text files: <c>frame,id,x,y,w,h,conf,...</c>, frames 1-based.</summary>
public static class MotChallengeFile
{
    /// <summary>Every row of a MOTChallenge file (ground truth or tracks), extra columns ignored.</summary>
    public static List<MotBox> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>The rows of a ground-truth file that count: rows whose conf column is 0 are ignored, as MOTChallenge does.</summary>
    public static List<MotBox> ReadGroundTruth(string path) => [.. Read(path).Where(row => row.Confidence != 0f)];

    /// <summary>Parses MOTChallenge rows; <paramref name="source"/> names the input in error messages.</summary>
    public static List<MotBox> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<MotBox>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length < 6)
            {
                throw new FormatException(
                    $"{source}:{lineNumber}: expected at least 6 comma-separated fields 'frame,id,x,y,w,h[,conf,...]', got '{line}'.");
            }

            var frame = (int)Number(fields[0], "frame");
            var id = (int)Number(fields[1], "id");
            if (frame < 1)
            {
                throw new FormatException($"{source}:{lineNumber}: frame numbers are 1-based, got {frame}.");
            }

            var box = new BoundingBox(Number(fields[2], "x"), Number(fields[3], "y"), Number(fields[4], "w"), Number(fields[5], "h"));
            var confidence = fields.Length > 6 ? Number(fields[6], "conf") : 1f;
            rows.Add(new MotBox(frame, id, box, confidence));

            float Number(string field, string name) =>
                float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new FormatException($"{source}:{lineNumber}: the {name} field '{field.Trim()}' is not a number.");
        }

        return rows;
    }

    /// <summary>Writes tracks as <c>frame,id,x,y,w,h,score,-1,-1,-1</c>, ordered by frame then id.</summary>
    public static void Write(string path, IEnumerable<MotBox> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.Frame).ThenBy(r => r.Id))
        {
            var b = row.Box;
            text.Append(CultureInfo.InvariantCulture, $"{row.Frame},{row.Id},{b.X:0.##},{b.Y:0.##},{b.Width:0.##},{b.Height:0.##},{row.Confidence:0.####},-1,-1,-1\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
