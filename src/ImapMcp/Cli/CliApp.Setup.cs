using System.Text;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Secrets;

namespace ImapMcp.Cli;

internal sealed partial class CliApp
{
    private async Task<int> CheckConfigAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        if (cli.Flag("example"))
        {
            cli.RejectUnknown();
            await _out.WriteLineAsync(MailConfiguration.Example).ConfigureAwait(false);
            return 0;
        }

        var json = cli.Flag("json");
        var path = ConfigPath(cli);
        cli.RejectUnknown();
        MailConfiguration config;
        try
        {
            config = await MailConfiguration.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigurationException e)
        {
            await _error.WriteLineAsync($"{path}: {e.Errors.Count} problem(s)").ConfigureAwait(false);
            foreach (var error in e.Errors)
                await _error.WriteLineAsync($"  {error.Field}: {error.Problem}\n      fix: {error.Fix}").ConfigureAwait(false);
            return 2;
        }

        var store = _secrets();
        var checks = new List<AccountCheck>();
        foreach (var a in config.Accounts)
        {
            string password;
            try
            {
                password = await store.GetAsync(a.Name, SecretKinds.Password, cancellationToken).ConfigureAwait(false) is not null
                    ? $"stored in {store.Name}"
                    : Environment.GetEnvironmentVariable(AccountPasswords.EnvironmentVariable(a)) is { Length: > 0 }
                        ? $"from ${AccountPasswords.EnvironmentVariable(a)} (weaker than the keychain)"
                        : $"missing: run 'imap-mcp set-password --account {a.Name}'";
            }
            catch (SecretStoreException e)
            {
                password = $"keychain unavailable ({e.Message})";
            }

            checks.Add(new AccountCheck(a.Name, $"{a.Host}:{a.Port}", a.Security.ToString().ToLowerInvariant(), a.UserName, a.Addresses, a.CachePath, a.Bodies.ToString(), a.Encrypt, password, config.AllowWrite));
        }

        if (json)
        {
            await WriteJsonAsync(checks, CliJsonContext.Default.ListAccountCheck).ConfigureAwait(false);
            return 0;
        }

        await _out.WriteLineAsync($"{path}: valid, {checks.Count} account(s)").ConfigureAwait(false);
        await _out.WriteLineAsync(config.AllowWrite
            ? "MCP write tools: on for every account (\"allowWrite\": true); the server may change folders, flags and messages as the assistant asks"
            : "MCP write tools: off (read-only) unless the server starts with --write; \"allowWrite\": true in this file turns them on").ConfigureAwait(false);
        foreach (var c in checks)
        {
            await _out.WriteLineAsync($"""

                {c.Name}
                  server     {c.Server} ({c.Security})
                  user       {c.UserName}
                  addresses  {string.Join(", ", c.Addresses)}
                  cache      {c.Cache}{(c.Encrypt ? " (encrypted)" : "")}
                  bodies     {c.Bodies}
                  password   {c.Password}
                """).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task<int> SetPasswordAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var fromStdin = cli.Flag("stdin") || !_interactive;
        var account = await AccountAsync(cli, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        string? password;
        if (fromStdin)
        {
            password = await _in.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _error.WriteAsync($"Password for {account.UserName} at {account.Host}: ").ConfigureAwait(false);
            password = ReadHidden();
            await _error.WriteLineAsync().ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(password))
            throw new UsageException("no password given; nothing stored");

        var store = _secrets();
        await _error.WriteLineAsync($"Checking the login at {account.Host}:{account.Port}…").ConfigureAwait(false);
        await AccountPasswords.SetAsync(account, password, store, cancellationToken).ConfigureAwait(false);
        await _out.WriteLineAsync($"Login works; the password for '{account.Name}' is stored in {store.Name}.").ConfigureAwait(false);
        return 0;
    }

    private async Task<int> DeletePasswordAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(cli, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var store = _secrets();
        var deleted = await store.DeleteAsync(account.Name, SecretKinds.Password, cancellationToken).ConfigureAwait(false);
        await _out.WriteLineAsync(deleted
            ? $"The password for '{account.Name}' is removed from {store.Name}."
            : $"{store.Name} held no password for '{account.Name}'.").ConfigureAwait(false);
        return 0;
    }

    private static string ReadHidden()
    {
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                return sb.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0)
                    sb.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                sb.Append(key.KeyChar);
            }
        }
    }
}
