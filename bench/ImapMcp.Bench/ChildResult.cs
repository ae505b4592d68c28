using System.Globalization;

namespace ImapMcp.Bench;

/// <summary>What an engine child reported ("@\tkey\tvalue" lines), its exit code and wall-clock time.</summary>
internal sealed class ChildResult(int exitCode, TimeSpan wall, IReadOnlyDictionary<string, string> values)
{
    public int ExitCode { get; } = exitCode;

    public TimeSpan Wall { get; } = wall;

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? this[string key] => Values.GetValueOrDefault(key);

    public double Number(string key) =>
        Values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : throw new KeyNotFoundException($"The engine child did not report '{key}' (exit code {ExitCode}).");

    public TimeSpan Duration(string key) => TimeSpan.FromMilliseconds(Number(key));

    public List<double> Samples(string key) =>
        (this[key] ?? throw new KeyNotFoundException($"The engine child did not report '{key}'.")).Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
}
