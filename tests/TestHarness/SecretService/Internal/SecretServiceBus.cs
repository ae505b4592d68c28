using System.Text;
using Tmds.DBus.Protocol;

namespace TestHarness.SecretService.Internal;

/// <summary>The few Secret Service calls the harness makes itself (readiness, lock state, lock, unlock) over its private bus.</summary>
internal sealed class SecretServiceBus : IDisposable
{
    public const string ServiceName = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";

    // gnome-keyring's own interface for unlocking or creating with a password the caller already holds, without a prompt.
    private const string GnomeKeyringInterface = "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface";

    private readonly DBusConnection _connection;

    private SecretServiceBus(DBusConnection connection) => _connection = connection;

    public static async Task<SecretServiceBus> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return new SecretServiceBus(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>True once a process owns org.freedesktop.secrets on the bus.</summary>
    public Task<bool> ServiceIsOwnedAsync(CancellationToken cancellationToken)
    {
        return _connection.CallMethodAsync(Message(), static (m, _) => m.GetBodyReader().ReadBool(), null).WaitAsync(cancellationToken);

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s");
            writer.WriteString(ServiceName);
            return writer.CreateMessage();
        }
    }

    /// <summary>The object path of the collection behind the "default" alias, or null when there is none.</summary>
    public async Task<string?> DefaultCollectionAsync(CancellationToken cancellationToken)
    {
        var path = await _connection.CallMethodAsync(Message(), static (m, _) => m.GetBodyReader().ReadObjectPathAsString(), null)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return path == "/" ? null : path;

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "ReadAlias", "s");
            writer.WriteString("default");
            return writer.CreateMessage();
        }
    }

    public Task<bool> IsLockedAsync(string collection, CancellationToken cancellationToken)
    {
        return _connection.CallMethodAsync(Message(), static (m, _) => m.GetBodyReader().ReadVariantValue().GetBool(), null).WaitAsync(cancellationToken);

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, collection, "org.freedesktop.DBus.Properties", "Get", "ss");
            writer.WriteString(CollectionInterface);
            writer.WriteString("Locked");
            return writer.CreateMessage();
        }
    }

    public Task LockAsync(string collection, CancellationToken cancellationToken)
    {
        return _connection.CallMethodAsync(Message()).WaitAsync(cancellationToken);

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "Lock", "ao");
            writer.WriteArray(new[] { new ObjectPath(collection) });
            return writer.CreateMessage();
        }
    }

    public async Task UnlockAsync(string collection, string password, CancellationToken cancellationToken)
    {
        var session = await OpenPlainSessionAsync(cancellationToken).ConfigureAwait(false);
        await _connection.CallMethodAsync(Message()).WaitAsync(cancellationToken).ConfigureAwait(false);

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, ServicePath, GnomeKeyringInterface, "UnlockWithMasterPassword", "o(oayays)");
            writer.WriteObjectPath(collection);
            // The secret: (session, parameters, value, content type).
            writer.WriteStructureStart();
            writer.WriteObjectPath(session);
            writer.WriteArray(Array.Empty<byte>());
            writer.WriteArray(Encoding.UTF8.GetBytes(password));
            writer.WriteString("text/plain");
            return writer.CreateMessage();
        }
    }

    /// <summary>Creates an unlocked collection protected by <paramref name="password"/> and makes it the default.</summary>
    public async Task<string> CreateDefaultCollectionAsync(string label, string password, CancellationToken cancellationToken)
    {
        var session = await OpenPlainSessionAsync(cancellationToken).ConfigureAwait(false);
        var collection = await _connection.CallMethodAsync(Create(), static (m, _) => m.GetBodyReader().ReadObjectPathAsString(), null)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        await _connection.CallMethodAsync(SetAlias()).WaitAsync(cancellationToken).ConfigureAwait(false);
        return collection;

        MessageBuffer Create()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, ServicePath, GnomeKeyringInterface, "CreateWithMasterPassword", "a{sv}(oayays)");
            writer.WriteDictionary(new Dictionary<string, VariantValue> { [CollectionInterface + ".Label"] = label });
            // The secret: (session, parameters, value, content type).
            writer.WriteStructureStart();
            writer.WriteObjectPath(session);
            writer.WriteArray(Array.Empty<byte>());
            writer.WriteArray(Encoding.UTF8.GetBytes(password));
            writer.WriteString("text/plain");
            return writer.CreateMessage();
        }

        MessageBuffer SetAlias()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "SetAlias", "so");
            writer.WriteString("default");
            writer.WriteObjectPath(collection);
            return writer.CreateMessage();
        }
    }

    public void Dispose() => _connection.Dispose();

    // A "plain" session sends the secret unencrypted; fine on a private bus in a test. It lives as long as this connection.
    private Task<string> OpenPlainSessionAsync(CancellationToken cancellationToken)
    {
        return _connection.CallMethodAsync(
            Message(),
            static (m, _) =>
            {
                var reader = m.GetBodyReader();
                reader.ReadVariantValue();
                return reader.ReadObjectPathAsString();
            },
            null).WaitAsync(cancellationToken);

        MessageBuffer Message()
        {
            using var writer = _connection.GetMessageWriter();
            writer.WriteMethodCallHeader(ServiceName, ServicePath, ServiceInterface, "OpenSession", "sv");
            writer.WriteString("plain");
            writer.WriteVariantString("");
            return writer.CreateMessage();
        }
    }
}
