using ImapMcp.Mail.Secrets;
using ImapMcp.Mail.Sync;
using ImapMcp.Mail.Tests.Support;
using TestHarness.SecretService;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>set-password for real: the login is tested against Dovecot, the password lands in gnome-keyring.</summary>
public sealed class SetPasswordTests
{
    [Fact]
    public async Task The_right_password_is_stored_in_the_keychain_and_sync_uses_it()
    {
        await using var env = await DovecotAccount.StartAsync(DovecotAccount.Generate(100));
        await using var keyring = await SecretServiceSession.StartAsync();
        var store = new SecretServiceStore(keyring.BusAddress);

        await AccountPasswords.SetAsync(env.Settings, env.Dovecot.Password, store);

        Assert.Equal(env.Dovecot.Password, await store.GetAsync("alex", SecretKinds.Password));
        using var account = await MailAccount.OpenAsync(env.Settings, store);
        var report = await account.SyncAsync();
        Assert.Equal(100, report.NewMessages);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_error_and_nothing_is_stored()
    {
        await using var env = await DovecotAccount.StartAsync(null);
        await using var keyring = await SecretServiceSession.StartAsync();
        var store = new SecretServiceStore(keyring.BusAddress);

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => AccountPasswords.SetAsync(env.Settings, "not-the-password", store));

        Assert.Equal(MailConnectionFailure.Authentication, e.Failure);
        Assert.Contains("rejected the login for 'alex'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", e.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync("alex", SecretKinds.Password));
    }

    [Fact]
    public async Task Without_a_stored_password_the_error_says_how_to_provide_one()
    {
        await using var env = await DovecotAccount.StartAsync(null);
        await env.Secrets.DeleteAsync("alex", SecretKinds.Password);

        var e = await Assert.ThrowsAsync<MailConnectionException>(() => AccountPasswords.GetAsync(env.Settings, env.Secrets));

        Assert.Equal(MailConnectionFailure.NoPassword, e.Failure);
        Assert.Contains("imap-mcp set-password --account alex", e.Message, StringComparison.Ordinal);
        Assert.Contains("IMAP_MCP_PASSWORD_ALEX", e.Message, StringComparison.Ordinal);
    }
}
