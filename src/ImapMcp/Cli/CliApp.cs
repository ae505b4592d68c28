using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImapMcp.Mail;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Sync;

namespace ImapMcp.Cli;

/// <summary>The imap-mcp command line: parses, runs one verb on the engine, prints tables or JSON. Exit codes: 0 ok, 1 failed, 2 usage or config error.</summary>
internal sealed partial class CliApp
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly TextReader _in;
    private readonly Func<ISecretStore> _secrets;
    private readonly TimeProvider _time;
    private readonly bool _interactive;

    public CliApp(TextWriter output, TextWriter error, TextReader input, Func<ISecretStore> secrets, TimeProvider time, bool interactive)
    {
        _out = output;
        _error = error;
        _in = input;
        _secrets = secrets;
        _time = time;
        _interactive = interactive;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        CliArguments cli;
        try
        {
            cli = CliArguments.Parse(args);
        }
        catch (UsageException e)
        {
            await _error.WriteLineAsync("imap-mcp: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        // "imap-mcp --config FILE" (options, no verb) is how MCP clients start the server.
        var serve = cli.Verb == "serve" || (cli.Verb is null && args.Count > 0 && !cli.Flag("help"));
        if (!serve && (cli.Verb is null || cli.Verb == "help"))
        {
            var topic = cli.Positionals.FirstOrDefault();
            await _out.WriteLineAsync(topic is null ? HelpText.Main : HelpText.For(topic)).ConfigureAwait(false);
            return cli.Verb is null && !cli.Flag("help") ? 2 : 0;
        }

        if (cli.Flag("help"))
        {
            await _out.WriteLineAsync(HelpText.For(cli.Verb ?? "serve")).ConfigureAwait(false);
            return 0;
        }

        try
        {
            if (serve)
                return await ServeAsync(cli, cancellationToken).ConfigureAwait(false);
            return cli.Verb switch
            {
                "check-config" => await CheckConfigAsync(cli, cancellationToken).ConfigureAwait(false),
                "set-password" => await SetPasswordAsync(cli, cancellationToken).ConfigureAwait(false),
                "delete-password" => await DeletePasswordAsync(cli, cancellationToken).ConfigureAwait(false),
                "sync" => await SyncAsync(cli, cancellationToken).ConfigureAwait(false),
                "folders" => await FoldersAsync(cli, cancellationToken).ConfigureAwait(false),
                "search" => await SearchAsync(cli, cancellationToken).ConfigureAwait(false),
                "show" => await ShowAsync(cli, cancellationToken).ConfigureAwait(false),
                "thread" => await ThreadAsync(cli, cancellationToken).ConfigureAwait(false),
                "unreplied" => await UnrepliedAsync(cli, cancellationToken).ConfigureAwait(false),
                "stats" => await StatsAsync(cli, cancellationToken).ConfigureAwait(false),
                _ => throw new UsageException($"unknown verb '{cli.Verb}'; run 'imap-mcp --help' for the list"),
            };
        }
        catch (UsageException e)
        {
            await _error.WriteLineAsync("imap-mcp: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (ConfigurationException e)
        {
            await _error.WriteLineAsync("imap-mcp: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (QueryParseException e)
        {
            await _error.WriteLineAsync("imap-mcp: bad query: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is MailConnectionException or SecretStoreException or CacheException)
        {
            await _error.WriteLineAsync("imap-mcp: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static string ConfigPath(CliArguments cli)
    {
        var path = cli.Option("config") ?? Environment.GetEnvironmentVariable("IMAP_MCP_CONFIG");
        if (!string.IsNullOrEmpty(path))
            return path;
        var root = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "imap-mcp", "config.json");
    }

    private async Task<AccountSettings> AccountAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var config = await MailConfiguration.LoadAsync(ConfigPath(cli), cancellationToken).ConfigureAwait(false);
        return config.GetAccount(cli.Option("account"));
    }

    private async Task<MailAccount> OpenAsync(CliArguments cli, bool needsSecrets, CancellationToken cancellationToken)
    {
        var settings = await AccountAsync(cli, cancellationToken).ConfigureAwait(false);
        return await MailAccount.OpenAsync(settings, needsSecrets ? _secrets() : null, _time, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> info) =>
        await _out.WriteLineAsync(JsonSerializer.Serialize(value, info)).ConfigureAwait(false);

    private static string Date(DateTimeOffset d) => d.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Flags(MessageItem m) =>
        (m.IsRead ? " " : "●") + (m.IsFlagged ? "★" : " ") + (m.IsAnswered ? "↩" : " ") + (m.HasAttachments ? "📎" : " ");

    private static string From(MessageItem m) => string.IsNullOrEmpty(m.FromName) ? m.FromAddress : $"{m.FromName} <{m.FromAddress}>";

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private DateTimeOffset Since(CliArguments cli, string fallback)
    {
        var text = cli.Option("since") ?? fallback;
        if (QueryDatesCli.TryParseDate(text, out var date))
            return date;
        if (!MailPeriod.TryParse(text, out var period))
            throw new UsageException($"--since takes a period such as 2w, 3m, 1y or a date such as 2024-03-01, not '{text}'");
        return period.Before(_time.GetUtcNow());
    }

    private async Task WriteMessagesAsync(IReadOnlyList<MessageItem> messages, bool withFolderFirst = true)
    {
        var table = new Table("KEY", "DATE", "FLAGS", "FROM", "SUBJECT") { MaxWidth = 48 };
        foreach (var m in messages)
            table.Add(withFolderFirst ? m.Key.ToString() : m.Key.Uid.ToString(CultureInfo.InvariantCulture), Date(m.Date), Flags(m), From(m), m.Subject);
        table.WriteTo(_out);
        await _out.FlushAsync().ConfigureAwait(false);
    }
}
