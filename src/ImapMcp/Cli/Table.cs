using System.Text;

namespace ImapMcp.Cli;

/// <summary>A plain-text table for people: columns padded to their widest cell, long cells clipped.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int MaxWidth { get; init; } = 60;

    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => Clean(c ?? "")).ToArray());

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Min(MaxWidth, Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length)))).ToArray();
        writer.WriteLine(Line(headers, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('─', w))));
        foreach (var row in _rows)
            writer.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var c = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            sb.Append(i == cells.Length - 1 ? c : c.PadRight(widths[i] + 2));
        }

        return sb.ToString().TrimEnd();
    }

    private static string Clean(string s) => string.Concat(s.Select(ch => char.IsControl(ch) ? ' ' : ch));
}
