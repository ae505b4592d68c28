using System.Net;
using System.Text.RegularExpressions;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using MimeKit;

namespace ImapMcp.Mail.Internal;

/// <summary>Turns the file as written into validated settings, collecting every error with its field and fix.</summary>
internal static partial class ConfigValidator
{
    private static readonly Dictionary<string, string> KnownMistakes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["password"] = "the password never goes in the config: run 'imap-mcp set-password --account NAME' to keep it in the OS keychain",
        ["pass"] = "the password never goes in the config: run 'imap-mcp set-password --account NAME' to keep it in the OS keychain",
        ["user"] = "the field is spelled 'username'",
        ["server"] = "the field is spelled 'host'",
        ["ssl"] = "use \"security\": \"tls\" (or \"starttls\")",
        ["tls"] = "use \"security\": \"tls\" (or \"starttls\")",
        ["email"] = "list the owner's addresses in 'addresses'",
        ["encrypted"] = "the field is spelled 'encrypt'",
        ["body"] = "the field is spelled 'bodies' (\"all\", \"none\" or e.g. \"90d\")",
        ["header"] = "the field is spelled 'headers' (\"all\" or a window such as \"12m\")",
        ["window"] = "the sync window is the field 'headers' (\"all\" or a window such as \"12m\")",
        ["since"] = "the sync window is the field 'headers' (\"all\" or a window such as \"12m\")",
        ["allowWrite"] = "\"allowWrite\" goes at the top of the file, next to \"accounts\", not inside an account: it lets the MCP server offer its write tools for every account",
        ["write"] = "the field is spelled 'allowWrite' (true lets the MCP server offer the tools that change the mailbox)",
        ["allowWrites"] = "the field is spelled 'allowWrite' (true lets the MCP server offer the tools that change the mailbox)",
        ["readOnly"] = "write \"allowWrite\": true to let the MCP server change the mailbox; leave it out (or false) for read-only",
    };

    public static List<AccountSettings> Validate(ConfigFile? file, string baseDirectory, List<ConfigurationError> errors)
    {
        var result = new List<AccountSettings>();
        if (file is null)
        {
            errors.Add(new("(file)", "the file is empty or null", "write a JSON object with an \"accounts\" list; 'imap-mcp check-config --example' prints one"));
            return result;
        }

        ReportUnknown(file.Unknown, "", errors);
        if (file.Accounts is null || file.Accounts.Count == 0)
        {
            errors.Add(new("accounts", "no account is configured", "add at least one account, e.g. {\"name\": \"personal\", \"provider\": \"gmail\", \"username\": \"me@gmail.com\"}"));
            return result;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < file.Accounts.Count; i++)
        {
            var at = $"accounts[{i}]";
            var raw = file.Accounts[i];
            if (raw is null)
            {
                errors.Add(new(at, "the account is null", "write the account as a JSON object or remove it"));
                continue;
            }

            var account = ValidateAccount(raw, at, baseDirectory, errors);
            if (account is null)
                continue;
            if (!names.Add(account.Name))
            {
                errors.Add(new($"{at}.name", $"the name '{account.Name}' is used twice", "give every account its own name"));
                continue;
            }

            result.Add(account);
        }

        return result;
    }

    private static AccountSettings? ValidateAccount(AccountFile raw, string at, string baseDirectory, List<ConfigurationError> errors)
    {
        var before = errors.Count;
        ReportUnknown(raw.Unknown, at + ".", errors);

        var name = raw.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add(new($"{at}.name", "missing", "name the account, e.g. \"name\": \"personal\" (it names its keychain entry and cache file)"));
        else if (!NamePattern().IsMatch(name))
            errors.Add(new($"{at}.name", $"'{name}' has characters other than letters, digits, '.', '-', '_'", "use a short name such as \"work\" or \"personal-gmail\""));

        ProviderPreset? preset = null;
        if (raw.Provider is { } providerName)
        {
            preset = ProviderPresets.Find(providerName);
            if (preset is null)
                errors.Add(new($"{at}.provider", $"unknown provider '{providerName}'", $"use one of {string.Join(", ", ProviderPresets.All.Select(p => p.Name))}, or leave it out and set host, port and security"));
        }

        var host = raw.Host?.Trim() ?? preset?.Host;
        if (string.IsNullOrEmpty(host))
            errors.Add(new($"{at}.host", "missing", "set the IMAP server's name, e.g. \"host\": \"imap.example.com\", or a \"provider\" (" + string.Join(", ", ProviderPresets.All.Select(p => p.Name)) + ")"));
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            errors.Add(new($"{at}.host", $"'{host}' is not a host name", "write only the server's name, without imap:// or a port, e.g. \"imap.example.com\""));

        var security = preset?.Security ?? ImapSecurity.Tls;
        if (raw.Security is { } sec)
        {
            switch (sec.Trim().ToLowerInvariant())
            {
                case "tls" or "ssl" or "ssl/tls" or "implicit":
                    security = ImapSecurity.Tls;
                    break;
                case "starttls":
                    security = ImapSecurity.StartTls;
                    break;
                case "none" or "plain":
                    security = ImapSecurity.None;
                    break;
                default:
                    errors.Add(new($"{at}.security", $"unknown value '{sec}'", "use \"tls\" (port 993), \"starttls\" (port 143) or \"none\" (loopback servers only)"));
                    break;
            }
        }

        if (security == ImapSecurity.None && !string.IsNullOrEmpty(host) && !IsLoopback(host))
            errors.Add(new($"{at}.security", $"\"none\" would send the password in clear text to {host}", "use \"tls\" or \"starttls\"; \"none\" is allowed only for localhost, 127.0.0.1 or ::1"));

        var port = raw.Port ?? preset?.Port ?? (security == ImapSecurity.Tls ? 993 : 143);
        if (port is < 1 or > 65535)
            errors.Add(new($"{at}.port", $"{port} is not a TCP port", "use 993 for tls or 143 for starttls"));

        var userName = raw.Username?.Trim();
        if (string.IsNullOrEmpty(userName))
            errors.Add(new($"{at}.username", "missing", "set the IMAP login, usually the full address, e.g. \"username\": \"me@example.com\""));

        var addresses = new List<string>();
        if (raw.Addresses is { Count: > 0 })
        {
            for (var j = 0; j < raw.Addresses.Count; j++)
            {
                var a = raw.Addresses[j]?.Trim();
                if (string.IsNullOrEmpty(a) || !MailboxAddress.TryParse(a, out var parsed) || !parsed.Address.Contains('@', StringComparison.Ordinal) || parsed.Address != a)
                    errors.Add(new($"{at}.addresses[{j}]", $"'{a}' is not an e-mail address", "write a bare address such as \"me@example.com\""));
                else
                    addresses.Add(a.ToLowerInvariant());
            }
        }
        else if (userName is not null && userName.Contains('@', StringComparison.Ordinal))
        {
            addresses.Add(userName.ToLowerInvariant());
        }
        else if (!string.IsNullOrEmpty(userName))
        {
            errors.Add(new($"{at}.addresses", "missing, and the username is not an address", "list the owner's addresses, e.g. \"addresses\": [\"jane@example.org\"], so unreplied mail and \"sent by me\" work"));
        }

        var roles = new Dictionary<FolderRole, string>();
        if (preset is not null)
        {
            foreach (var (role, folder) in preset.FolderRoles)
                roles[role] = folder;
        }

        if (raw.Roles is not null)
        {
            foreach (var (key, folder) in raw.Roles)
            {
                if (!Enum.TryParse<FolderRole>(key, ignoreCase: true, out var role) || role == FolderRole.None || !char.IsLetter(key[0]))
                    errors.Add(new($"{at}.roles.{key}", $"unknown role '{key}'", "use sent, drafts, trash, archive, junk, inbox, all or flagged"));
                else if (string.IsNullOrWhiteSpace(folder))
                    errors.Add(new($"{at}.roles.{key}", "empty folder name", "write the folder's full name as the server lists it (see 'imap-mcp folders')"));
                else
                    roles[role] = folder;
            }
        }

        var include = raw.Folders?.Include?.Where(f => !string.IsNullOrWhiteSpace(f)).ToList() ?? [];
        var exclude = new List<string>(preset?.ExcludedFolders ?? []);
        exclude.AddRange(raw.Folders?.Exclude?.Where(f => !string.IsNullOrWhiteSpace(f)) ?? []);
        if (raw.Folders is not null)
            ReportUnknown(raw.Folders.Unknown, at + ".folders.", errors);

        var bodies = BodyPolicy.All;
        if (raw.Bodies is not null)
        {
            bodies = BodyPolicy.TryParse(raw.Bodies)!;
            if (bodies is null)
            {
                errors.Add(new($"{at}.bodies", $"unknown value '{raw.Bodies}'", "use \"all\", \"none\", or a window in days such as \"90d\""));
                bodies = BodyPolicy.All;
            }
        }

        MailPeriod? headers = null;
        if (raw.Headers is not null && !string.Equals(raw.Headers.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            if (MailPeriod.TryParse(raw.Headers, out var window) && window.Unit != 'h')
                headers = window;
            else
                errors.Add(new($"{at}.headers", $"unknown value '{raw.Headers}'", "use \"all\", or a window such as \"12m\", \"2y\", \"8w\" or \"90d\" (older mail loads on request)"));
        }

        if (raw.PasswordEnv is { } env && !EnvPattern().IsMatch(env))
            errors.Add(new($"{at}.passwordEnv", $"'{env}' is not an environment variable name", "use letters, digits and '_', e.g. \"IMAP_MCP_PASSWORD\""));

        string cachePath = "";
        if (!string.IsNullOrEmpty(name) && NamePattern().IsMatch(name))
        {
            try
            {
                cachePath = ResolveCachePath(raw.Cache, name, baseDirectory);
            }
            catch (ArgumentException)
            {
                errors.Add(new($"{at}.cache", $"'{raw.Cache}' is not a usable path", "write a file path such as \"~/.cache/imap-mcp/work.db\" or leave it out"));
            }
        }

        if (errors.Count > before)
            return null;

        return new AccountSettings
        {
            Name = name!,
            Host = host!,
            Port = port,
            Security = security,
            UserName = userName!,
            Addresses = addresses,
            FolderRoles = roles,
            IncludeFolders = include,
            ExcludeFolders = exclude,
            SubscribedOnly = raw.Folders?.SubscribedOnly ?? true,
            CachePath = cachePath,
            Encrypt = raw.Encrypt ?? false,
            Bodies = bodies,
            HeaderWindow = headers,
            PasswordEnvironmentVariable = raw.PasswordEnv,
            Provider = preset,
        };
    }

    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string ResolveCachePath(string? configured, string name, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(root))
            {
                root = OperatingSystem.IsWindows()
                    ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), OperatingSystem.IsMacOS() ? "Library/Caches" : ".cache");
            }

            return Path.Combine(root, "imap-mcp", name + ".db");
        }

        var path = configured.Trim();
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
        return Path.GetFullPath(path, baseDirectory);
    }

    private static void ReportUnknown(Dictionary<string, System.Text.Json.JsonElement>? unknown, string prefix, List<ConfigurationError> errors)
    {
        if (unknown is null)
            return;
        foreach (var key in unknown.Keys)
        {
            var fix = KnownMistakes.TryGetValue(key, out var hint) ? hint : "remove it, or check its spelling against 'imap-mcp check-config --example'";
            errors.Add(new(prefix + key, "unknown field", fix));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvPattern();
}
