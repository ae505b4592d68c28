using System.Text;
using Tmds.DBus.Protocol;

namespace ImapMcp.Mail.Secrets;

/// <summary>
/// The Linux Secret Service (org.freedesktop.secrets: gnome-keyring, KeePassXC, KWallet's bridge) over D-Bus.
/// Secrets travel in a "plain" session over the user's private session bus; items carry the attributes
/// application=imap-mcp, account, kind, so <c>secret-tool lookup application imap-mcp account NAME kind password</c> finds them.
/// </summary>
public sealed class SecretServiceStore : ISecretStore
{
    private const string Service = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private readonly string? _busAddress;

    /// <summary>Uses the session bus at <paramref name="busAddress"/> (default: DBUS_SESSION_BUS_ADDRESS).</summary>
    public SecretServiceStore(string? busAddress = null)
    {
        _busAddress = busAddress;
    }

    /// <inheritdoc/>
    public string Name => "Secret Service";

    /// <inheritdoc/>
    public async Task<string?> GetAsync(string account, string kind, CancellationToken cancellationToken = default)
    {
        using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var (unlocked, locked) = await SearchAsync(connection, account, kind, cancellationToken).ConfigureAwait(false);
        if (unlocked.Length == 0 && locked.Length > 0)
            unlocked = await UnlockAsync(connection, locked, cancellationToken).ConfigureAwait(false);
        if (unlocked.Length == 0)
            return null;

        var session = await OpenSessionAsync(connection, cancellationToken).ConfigureAwait(false);
        var secret = await CallAsync(connection, cancellationToken, (ref MessageWriter w) =>
        {
            w.WriteMethodCallHeader(Service, ServicePath, ServiceInterface, "GetSecrets", "aoo");
            w.WriteArray(unlocked.Select(p => new ObjectPath(p)).ToArray());
            w.WriteObjectPath(session);
        }, static (m, _) =>
        {
            var r = m.GetBodyReader();
            var end = r.ReadDictionaryStart();
            while (r.HasNext(end))
            {
                r.ReadObjectPathAsString();
                r.AlignStruct();
                r.ReadObjectPathAsString();
                r.ReadArrayOfByte();
                var value = r.ReadArrayOfByte();
                r.ReadString();
                return value;
            }

            return null;
        }).ConfigureAwait(false);
        await CloseSessionAsync(connection, session).ConfigureAwait(false);
        return secret is null ? null : Encoding.UTF8.GetString(secret);
    }

    /// <inheritdoc/>
    public async Task SetAsync(string account, string kind, string secret, CancellationToken cancellationToken = default)
    {
        using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var collection = await CallAsync(connection, cancellationToken, (ref MessageWriter w) =>
        {
            w.WriteMethodCallHeader(Service, ServicePath, ServiceInterface, "ReadAlias", "s");
            w.WriteString("default");
        }, static (m, _) => m.GetBodyReader().ReadObjectPathAsString()).ConfigureAwait(false);
        if (collection == "/")
            throw new SecretStoreException("The Secret Service has no default keyring. Create one (e.g. open 'Passwords and Keys' / seahorse) or use the environment-variable fallback.");
        await UnlockAsync(connection, [collection], cancellationToken).ConfigureAwait(false);

        var session = await OpenSessionAsync(connection, cancellationToken).ConfigureAwait(false);
        var prompt = await CallAsync(connection, cancellationToken, (ref MessageWriter w) =>
        {
            w.WriteMethodCallHeader(Service, collection, "org.freedesktop.Secret.Collection", "CreateItem", "a{sv}(oayays)b");
            var props = w.WriteDictionaryStart();
            w.WriteDictionaryEntryStart();
            w.WriteString(ItemInterface + ".Label");
            w.WriteVariantString($"imap-mcp {kind} for {account}");
            w.WriteDictionaryEntryStart();
            w.WriteString(ItemInterface + ".Attributes");
            w.WriteSignature("a{ss}");
            var attrs = w.WriteDictionaryStart();
            foreach (var (key, value) in Attributes(account, kind))
            {
                w.WriteDictionaryEntryStart();
                w.WriteString(key);
                w.WriteString(value);
            }

            w.WriteDictionaryEnd(attrs);
            w.WriteDictionaryEnd(props);
            w.WriteStructureStart();
            w.WriteObjectPath(session);
            w.WriteArray(Array.Empty<byte>());
            w.WriteArray(Encoding.UTF8.GetBytes(secret));
            w.WriteString("text/plain; charset=utf8");
            w.WriteBool(true);
        }, static (m, _) =>
        {
            var r = m.GetBodyReader();
            r.ReadObjectPathAsString();
            return r.ReadObjectPathAsString();
        }).ConfigureAwait(false);
        await CloseSessionAsync(connection, session).ConfigureAwait(false);
        if (prompt != "/")
            throw new SecretStoreException("The keyring asks for confirmation in a desktop prompt, which a background program cannot show. Unlock the keyring in your desktop session and try again.");
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string account, string kind, CancellationToken cancellationToken = default)
    {
        using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        var (unlocked, locked) = await SearchAsync(connection, account, kind, cancellationToken).ConfigureAwait(false);
        if (locked.Length > 0)
            unlocked = [.. unlocked, .. await UnlockAsync(connection, locked, cancellationToken).ConfigureAwait(false)];
        foreach (var item in unlocked)
        {
            await CallAsync(connection, cancellationToken, (ref MessageWriter w) => w.WriteMethodCallHeader(Service, item, ItemInterface, "Delete", null),
                static (m, _) => m.GetBodyReader().ReadObjectPathAsString()).ConfigureAwait(false);
        }

        return unlocked.Length > 0;
    }

    // MessageWriter is a struct: body writers take it by reference so their writes land in the message.
    private delegate void MessageBody(ref MessageWriter writer);

    private static IEnumerable<KeyValuePair<string, string>> Attributes(string account, string kind) =>
    [
        new("application", SecretKinds.Service),
        new("account", account),
        new("kind", kind),
    ];

    private async Task<DBusConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var address = _busAddress ?? Environment.GetEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        if (string.IsNullOrEmpty(address))
            throw new SecretStoreException("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service keychain cannot be reached. Run inside a desktop session, start one with 'dbus-run-session', or use the environment-variable fallback.");
        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is DBusConnectionException or IOException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw new SecretStoreException($"Cannot connect to the D-Bus session bus at {address}: {e.Message}", e);
        }
    }

    private static async Task<(string[] Unlocked, string[] Locked)> SearchAsync(DBusConnection connection, string account, string kind, CancellationToken cancellationToken) =>
        await CallAsync(connection, cancellationToken, (ref MessageWriter w) =>
        {
            w.WriteMethodCallHeader(Service, ServicePath, ServiceInterface, "SearchItems", "a{ss}");
            var d = w.WriteDictionaryStart();
            foreach (var (key, value) in Attributes(account, kind))
            {
                w.WriteDictionaryEntryStart();
                w.WriteString(key);
                w.WriteString(value);
            }

            w.WriteDictionaryEnd(d);
        }, static (m, _) =>
        {
            var r = m.GetBodyReader();
            var unlocked = r.ReadArrayOfObjectPath().Select(p => p.ToString()).ToArray();
            var locked = r.ReadArrayOfObjectPath().Select(p => p.ToString()).ToArray();
            return (unlocked, locked);
        }).ConfigureAwait(false);

    private static async Task<string[]> UnlockAsync(DBusConnection connection, string[] objects, CancellationToken cancellationToken)
    {
        var (unlocked, prompt) = await CallAsync(connection, cancellationToken, (ref MessageWriter w) =>
        {
            w.WriteMethodCallHeader(Service, ServicePath, ServiceInterface, "Unlock", "ao");
            w.WriteArray(objects.Select(p => new ObjectPath(p)).ToArray());
        }, static (m, _) =>
        {
            var r = m.GetBodyReader();
            var done = r.ReadArrayOfObjectPath().Select(p => p.ToString()).ToArray();
            return (done, r.ReadObjectPathAsString());
        }).ConfigureAwait(false);
        if (unlocked.Length < objects.Length && prompt != "/")
        {
            // Unlocking needs the user's password in a desktop prompt; dismiss it rather than leave it hanging.
            try
            {
                await CallAsync(connection, cancellationToken, (ref MessageWriter w) => w.WriteMethodCallHeader(Service, prompt, "org.freedesktop.Secret.Prompt", "Dismiss", null),
                    static (_, _) => true).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException)
            {
            }

            throw new SecretStoreException("The keyring is locked. Unlock it (log in to the desktop session, or run 'gnome-keyring-daemon --unlock' on a headless machine) and try again.");
        }

        return unlocked;
    }

    private static Task<string> OpenSessionAsync(DBusConnection connection, CancellationToken cancellationToken) =>
        CallAsync(connection, cancellationToken, (ref MessageWriter w) =>
        {
            w.WriteMethodCallHeader(Service, ServicePath, ServiceInterface, "OpenSession", "sv");
            w.WriteString("plain");
            w.WriteVariantString("");
        }, static (m, _) =>
        {
            var r = m.GetBodyReader();
            r.ReadVariantValue();
            return r.ReadObjectPathAsString();
        });

    private static async Task CloseSessionAsync(DBusConnection connection, string session)
    {
        try
        {
            await CallAsync(connection, CancellationToken.None, (ref MessageWriter w) => w.WriteMethodCallHeader(Service, session, "org.freedesktop.Secret.Session", "Close", null),
                static (_, _) => true).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException)
        {
        }
    }

    private static async Task<T> CallAsync<T>(DBusConnection connection, CancellationToken cancellationToken, MessageBody write, MessageValueReader<T> read)
    {
        MessageBuffer message;
        var writer = connection.GetMessageWriter();
        try
        {
            write(ref writer);
            message = writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }

        try
        {
            return await connection.CallMethodAsync(message, read, null).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName is "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner")
        {
            throw new SecretStoreException("No Secret Service answers on the session bus. Install and start gnome-keyring (or KeePassXC with its Secret Service integration), or use the environment-variable fallback.", e);
        }
        catch (DBusErrorReplyException e) when (e.ErrorName == "org.freedesktop.Secret.Error.IsLocked")
        {
            throw new SecretStoreException("The keyring is locked. Unlock it and try again.", e);
        }
    }
}
