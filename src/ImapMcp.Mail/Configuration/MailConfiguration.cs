using System.Text.Json;
using ImapMcp.Mail.Internal;

namespace ImapMcp.Mail.Configuration;

/// <summary>The validated config file: one or more accounts.</summary>
public sealed class MailConfiguration
{
    internal MailConfiguration(IReadOnlyList<AccountSettings> accounts, bool allowWrite, string? path)
    {
        Accounts = accounts;
        AllowWrite = allowWrite;
        Path = path;
    }

    /// <summary>The accounts, in file order.</summary>
    public IReadOnlyList<AccountSettings> Accounts { get; }

    /// <summary>
    /// The top-level <c>"allowWrite": true</c>: the MCP server offers the tools that change the mailbox (as
    /// <c>serve --write</c> does) for every account. False (the default) serves read-only.
    /// </summary>
    public bool AllowWrite { get; }

    /// <summary>The file this configuration was read from, if any.</summary>
    public string? Path { get; }

    /// <summary>
    /// Whether the file says <c>"allowWrite": true</c> at its top level, read without validating the rest: a quick look for
    /// a host that must decide what it serves before the full <see cref="LoadAsync"/> (run in parallel) has finished. False
    /// when the file cannot be read or is not JSON; the full load then reports what is wrong.
    /// </summary>
    public static bool ReadsAllowWrite(string path)
    {
        try
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(path), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // The same name matching as the full parse (case-insensitive).
                var isAllowWrite = string.Equals(reader.GetString(), "allowWrite", StringComparison.OrdinalIgnoreCase);
                if (!reader.Read())
                    return false;
                if (isAllowWrite)
                    return reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
        }

        return false;
    }

    /// <summary>Reads and validates a config file; throws <see cref="ConfigurationException"/> naming every bad field.</summary>
    public static async Task<MailConfiguration> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = System.IO.Path.GetFullPath(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("(file)", $"cannot read {full}: {e.Message}",
                "pass the path of an existing config with --config, or run 'imap-mcp check-config --example' to print one");
        }

        return Parse(json, System.IO.Path.GetDirectoryName(full), full);
    }

    /// <summary>Parses and validates config JSON; relative cache paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static MailConfiguration Parse(string json, string? baseDirectory = null, string? path = null)
    {
        ConfigFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, ConfigJsonContext.Default.ConfigFile);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "(file)" : e.Path.TrimStart('$', '.');
            var line = e.LineNumber is { } l ? $" at line {l + 1}" : "";
            throw new ConfigurationException(where, $"not valid JSON{line}: {FirstSentence(e.Message)}",
                "fix the JSON syntax or the value's type (numbers unquoted, true/false unquoted, lists in [ ])");
        }

        var errors = new List<ConfigurationError>();
        var accounts = ConfigValidator.Validate(file, baseDirectory ?? Environment.CurrentDirectory, errors);
        if (errors.Count > 0)
            throw new ConfigurationException(errors);
        return new MailConfiguration(accounts, file!.AllowWrite ?? false, path);
    }

    /// <summary>The named account, or the only one when <paramref name="name"/> is null.</summary>
    public AccountSettings GetAccount(string? name)
    {
        if (name is null)
        {
            if (Accounts.Count == 1)
                return Accounts[0];
            throw new ConfigurationException("accounts", $"there are {Accounts.Count} accounts ({string.Join(", ", Accounts.Select(a => a.Name))})",
                "say which one with --account NAME");
        }

        return Accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ConfigurationException("accounts", $"no account is named '{name}'",
                $"use one of: {string.Join(", ", Accounts.Select(a => a.Name))}");
    }

    /// <summary>An example config for people to start from.</summary>
    public static string Example => """
        {
          "allowWrite": false,
          "accounts": [
            {
              "name": "personal",
              "provider": "fastmail",
              "username": "me@example.com",
              "addresses": ["me@example.com", "me@old-domain.example"],
              "bodies": "365d",
              "encrypt": false
            },
            {
              "name": "work",
              "host": "imap.example.org",
              "port": 993,
              "security": "tls",
              "username": "jane",
              "addresses": ["jane@example.org"],
              "folders": { "exclude": ["Spam", "Archive/2010/*"] },
              "roles": { "sent": "Sent Items" },
              "cache": "~/.cache/imap-mcp/work.db",
              "headers": "12m"
            }
          ]
        }
        """;

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message.TrimEnd('.');
    }
}
