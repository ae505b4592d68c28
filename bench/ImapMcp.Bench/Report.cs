using System.Globalization;
using System.Text;

namespace ImapMcp.Bench;

/// <summary>The results: one table of figures next to their baselines, details, and notes; printed and written as Markdown.</summary>
internal sealed class Report
{
    private readonly List<string[]> _rows = [];
    private readonly List<string[]> _shapes = [];
    private readonly List<string> _details = [];
    private readonly List<string> _notes = [];

    public List<string> Header { get; } = [];

    public void Row(string measure, string engine, string baseline, string target, bool? met) =>
        _rows.Add([measure, engine, baseline, target, met switch { true => "yes", false => "**no**", null => "—" }]);

    public void Shape(params string[] cells) => _shapes.Add(cells);

    public void Detail(string text) => _details.Add(text);

    public void Note(string text) => _notes.Add(text);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        foreach (var h in Header)
            sb.Append("- ").AppendLine(h);
        sb.AppendLine();
        Table(sb, ["Measure", "imap-mcp", "Baseline (same run)", "Target", "Met"], _rows);
        if (_shapes.Count > 0)
        {
            sb.AppendLine().AppendLine("Search shapes (top 20; engine in-process, notmuch as a process per query, as a script would run it):").AppendLine();
            Table(sb, ["Shape", "imap-mcp query", "p50 / p95 ms", "matches", "notmuch query", "p50 / p95 ms", "messages"], _shapes);
        }

        if (_details.Count > 0)
        {
            sb.AppendLine().AppendLine("Details:").AppendLine();
            foreach (var d in _details)
                sb.Append("- ").AppendLine(d);
        }

        if (_notes.Count > 0)
        {
            sb.AppendLine().AppendLine("Notes:").AppendLine();
            foreach (var n in _notes)
                sb.Append("- ").AppendLine(n);
        }

        return sb.ToString();
    }

    public string ToConsole()
    {
        var sb = new StringBuilder();
        foreach (var h in Header)
            sb.AppendLine(h);
        sb.AppendLine();
        var all = new List<string[]> { new[] { "Measure", "imap-mcp", "Baseline (same run)", "Target", "Met" } };
        all.AddRange(_rows);
        var widths = Enumerable.Range(0, 5).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var r in all)
            sb.AppendLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var d in _details)
            sb.Append("  ").AppendLine(d);
        return sb.ToString();
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";

    public static string Millis(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Megabytes(double bytes) => (bytes / 1048576).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Ratio(double x) => x.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static void Table(StringBuilder sb, string[] header, List<string[]> rows)
    {
        sb.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        sb.Append('|').AppendJoin("|", header.Select(_ => "---")).AppendLine("|");
        foreach (var r in rows)
            sb.Append("| ").AppendJoin(" | ", r.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
    }
}
