using System.Net.Sockets;
using ImapMcp.Mail.Configuration;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace ImapMcp.Mail.Sync;

/// <summary>Opens an authenticated <see cref="ImapClient"/> for an account, turning failures into <see cref="MailConnectionException"/>.</summary>
public static class ImapConnector
{
    /// <summary>Connects and logs in; the caller owns (and disposes) the client.</summary>
    public static async Task<ImapClient> ConnectAsync(AccountSettings account, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var client = new ImapClient { Timeout = 120_000 };
        try
        {
            var options = account.Security switch
            {
                ImapSecurity.Tls => SecureSocketOptions.SslOnConnect,
                ImapSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(account.Host, account.Port, options, cancellationToken).ConfigureAwait(false);
            await client.AuthenticateAsync(account.UserName, password, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            throw Translate(account, e);
        }
    }

    internal static MailConnectionException Translate(AccountSettings account, Exception e)
    {
        var where = $"{account.Host}:{account.Port}";
        return e switch
        {
            MailConnectionException mce => mce,
            AuthenticationException => new MailConnectionException(MailConnectionFailure.Authentication,
                $"{where} rejected the login for '{account.UserName}': check the password (run 'imap-mcp set-password --account {account.Name}')" +
                (account.Provider is { } p ? ". " + p.PasswordAdvice : "."), e),
            SslHandshakeException => new MailConnectionException(MailConnectionFailure.Tls,
                $"TLS with {where} failed: {e.Message.Split('\n')[0]} Check host, port and security (tls on 993, starttls on 143).", e),
            NotSupportedException when account.Security == ImapSecurity.StartTls => new MailConnectionException(MailConnectionFailure.Tls,
                $"{where} does not offer STARTTLS: use \"security\": \"tls\" (port 993).", e),
            SocketException or IOException or TimeoutException => new MailConnectionException(MailConnectionFailure.Unreachable,
                $"Cannot reach {where}: {e.Message} Check host and port, and the network.", e),
            ProtocolException or ImapCommandException => new MailConnectionException(MailConnectionFailure.Protocol,
                $"{where} answered unexpectedly: {e.Message}", e),
            _ => new MailConnectionException(MailConnectionFailure.Protocol, $"Connecting to {where} failed: {e.Message}", e),
        };
    }
}
