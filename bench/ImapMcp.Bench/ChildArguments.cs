namespace ImapMcp.Bench;

/// <summary>"mode --key value --flag" arguments of the engine child.</summary>
internal sealed class ChildArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public string Mode { get; private init; } = "";

    public static ChildArguments Parse(string[] args)
    {
        var result = new ChildArguments { Mode = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected '{args[i]}'.", nameof(args));
            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            result._values[key] = value;
        }

        return result;
    }

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public bool Has(string key) => _values.ContainsKey(key);
}
