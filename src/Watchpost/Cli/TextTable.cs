using System.Globalization;
using System.Text;

namespace Watchpost.Cli;

/// <summary>
/// The human output of list verbs: a header row and left-aligned columns as wide as their widest cell (counting a
/// CJK character as two columns, so Chinese names line up in a terminal).
/// </summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers) => _headers = headers;

    public int Count => _rows.Count;

    public TextTable Add(params object?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_headers.Length} columns", nameof(cells));
        }

        _rows.Add([.. cells.Select(c => c switch
        {
            null => "-",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => c.ToString() ?? "-",
        })]);
        return this;
    }

    public void Write(TextWriter output)
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        WriteRow(output, _headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Length - 1)
            {
                line.Append(' ', widths[i] - Width(cells[i]) + 2);
            }
        }

        output.WriteLine(line.ToString().TrimEnd());
    }

    private static int Width(string text) => text.Sum(c => c is >= '\u1100' and (<= '\u115F' or >= '\u2E80') and <= '\uFFDC' ? 2 : 1);
}
