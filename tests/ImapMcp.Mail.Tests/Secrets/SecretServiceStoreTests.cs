using ImapMcp.Mail.Secrets;
using TestHarness.SecretService;

namespace ImapMcp.Mail.Tests.Secrets;

/// <summary>The Linux keychain for real: gnome-keyring on a private D-Bus session.</summary>
public sealed class SecretServiceStoreTests : IAsyncLifetime
{
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private SecretServiceSession _session = null!;

    public async Task InitializeAsync() => _session = await SecretServiceSession.StartAsync();

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_password_stored_in_the_keychain_comes_back_and_is_gone_after_delete()
    {
        var store = new SecretServiceStore(_session.BusAddress);

        Assert.Null(await store.GetAsync("work", SecretKinds.Password, _timeout));
        await store.SetAsync("work", SecretKinds.Password, "correct horse ✓ battery", _timeout);
        await store.SetAsync("home", SecretKinds.Password, "other", _timeout);

        Assert.Equal("correct horse ✓ battery", await store.GetAsync("work", SecretKinds.Password, _timeout));
        Assert.Null(await store.GetAsync("work", SecretKinds.CacheKey, _timeout));

        // Other programs see it under documented attributes.
        var attributes = new Dictionary<string, string> { ["application"] = "imap-mcp", ["account"] = "work", ["kind"] = "password" };
        Assert.Equal("correct horse ✓ battery", await _session.LookupAsync(attributes));

        await store.SetAsync("work", SecretKinds.Password, "replaced", _timeout);
        Assert.Equal("replaced", await store.GetAsync("work", SecretKinds.Password, _timeout));

        Assert.True(await store.DeleteAsync("work", SecretKinds.Password, _timeout));
        Assert.False(await store.DeleteAsync("work", SecretKinds.Password, _timeout));
        Assert.Null(await store.GetAsync("work", SecretKinds.Password, _timeout));
        Assert.Equal("other", await store.GetAsync("home", SecretKinds.Password, _timeout));
    }

    [Fact]
    public async Task A_locked_keyring_gives_a_clear_error_instead_of_hanging()
    {
        var store = new SecretServiceStore(_session.BusAddress);
        await store.SetAsync("work", SecretKinds.Password, "secret", _timeout);
        await _session.LockAsync();

        var e = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync("work", SecretKinds.Password, _timeout));
        Assert.Contains("locked", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_session_bus_is_explained()
    {
        var store = new SecretServiceStore("unix:path=/nonexistent/bus");
        var e = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetAsync("work", SecretKinds.Password, _timeout));
        Assert.Contains("D-Bus", e.Message, StringComparison.Ordinal);
    }
}
