namespace ImapMcp.Cli;

/// <summary>The command line split into a verb, options (--name value or --flag) and positional words.</summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> Flags = ["json", "help", "example", "no-bodies", "stdin", "version", "write", "allow-remote", "no-sync"];
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public string? Verb { get; private set; }

    public List<string> Positionals { get; } = [];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var result = new CliArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                result.Positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                string? value = null;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (!Flags.Contains(name))
                {
                    if (i + 1 >= args.Count)
                        throw new UsageException($"--{name} needs a value");
                    value = args[++i];
                }

                if (!result._options.TryGetValue(name, out var list))
                    result._options[name] = list = [];
                list.Add(value ?? "true");
                continue;
            }

            if (a is "-h" or "-?")
            {
                result._options["help"] = ["true"];
                continue;
            }

            if (result.Verb is null && result.Positionals.Count == 0)
                result.Verb = a;
            else
                result.Positionals.Add(a);
        }

        return result;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v[^1] : null;
    }

    public IReadOnlyList<string> Options(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v : [];
    }

    public int IntOption(string name, int fallback, int min, int max)
    {
        var text = Option(name);
        if (text is null)
            return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
        return value;
    }

    /// <summary>Fails on options the verb did not read: a typo should not be silently ignored.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _options.Keys)
        {
            if (!_used.Contains(name))
                throw new UsageException($"unknown option --{name} for '{Verb}' (see 'imap-mcp {Verb} --help')");
        }
    }
}
