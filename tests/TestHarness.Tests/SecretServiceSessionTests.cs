using TestHarness.Processes;
using TestHarness.SecretService;

namespace TestHarness.Tests;

public sealed class SecretServiceSessionTests
{
    private static readonly Dictionary<string, string> Account = new() { ["service"] = "imap-mcp", ["account"] = "alice@example.org" };

    [Fact]
    public async Task A_secret_stored_in_the_private_keyring_reads_back_and_nothing_remains_after_dispose()
    {
        var session = await SecretServiceSession.StartAsync();
        string home;
        try
        {
            home = session.HomeDirectory;
            Assert.StartsWith("unix:path=", session.BusAddress, StringComparison.Ordinal);
            Assert.Equal(session.BusAddress, session.Environment["DBUS_SESSION_BUS_ADDRESS"]);
            Assert.Equal("/org/freedesktop/secrets/collection/login", session.DefaultCollection);
            Assert.NotEmpty(ProcessesWithHome(home));

            await session.StoreAsync("imap-mcp: alice", Account, "correct horse battery staple");

            Assert.Equal("correct horse battery staple", await session.LookupAsync(Account));
            Assert.Null(await session.LookupAsync(new Dictionary<string, string> { ["service"] = "imap-mcp", ["account"] = "bob@example.org" }));

            await session.ClearAsync(Account);
            Assert.Null(await session.LookupAsync(Account));
        }
        finally
        {
            await session.DisposeAsync();
        }

        Assert.False(Directory.Exists(home), "the temp HOME was not deleted");
        Assert.Empty(ProcessesWithHome(home));
    }

    [Fact]
    public async Task Two_keyring_sessions_do_not_see_each_others_secrets()
    {
        await using var first = await SecretServiceSession.StartAsync();
        await using var second = await SecretServiceSession.StartAsync();

        await first.StoreAsync("first", Account, "only-in-first");

        Assert.NotEqual(first.BusAddress, second.BusAddress);
        Assert.Equal("only-in-first", await first.LookupAsync(Account));
        Assert.Null(await second.LookupAsync(Account));
    }

    [Fact]
    public async Task A_program_given_the_session_environment_uses_the_private_keyring()
    {
        await using var session = await SecretServiceSession.StartAsync();
        await session.StoreAsync("from the harness", Account, "s3cret");

        // Any other program (here libsecret's own CLI) finds the secret through the environment alone.
        var secretTool = RequiredTool.Find("secret-tool", "libsecret-tools");
        var output = await ChildProcess.RunAsync(secretTool, ["lookup", "service", "imap-mcp", "account", "alice@example.org"], environment: session.Environment);

        Assert.Equal("s3cret", output);
    }

    [Fact]
    public async Task A_locked_keyring_refuses_secrets_until_it_is_unlocked()
    {
        await using var session = await SecretServiceSession.StartAsync();
        await session.StoreAsync("before lock", Account, "kept");

        await session.LockAsync();

        Assert.True(await session.IsLockedAsync());
        Assert.Null(await session.LookupAsync(Account));
        var refused = await Assert.ThrowsAsync<HarnessException>(() => session.StoreAsync("while locked", Account, "new"));
        Assert.Contains("locked", refused.Message, StringComparison.Ordinal);

        await session.UnlockAsync();

        Assert.False(await session.IsLockedAsync());
        Assert.Equal("kept", await session.LookupAsync(Account));
    }

    // gnome-keyring-daemon and dbus-daemon run with HOME set to the session's temp HOME.
    private static List<string> ProcessesWithHome(string home)
    {
        var needle = "HOME=" + home + "\0";
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var environ = "\0" + File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Contains("\0" + needle, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(dir)}: {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}");
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
