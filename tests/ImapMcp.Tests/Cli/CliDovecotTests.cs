using System.Text.Json;
using ImapMcp.Cli;
using ImapMcp.Mail.Secrets;
using TestHarness.Mail;

namespace ImapMcp.Tests.Cli;

/// <summary>A person's first session with the CLI against a real Dovecot holding a generated mailbox.</summary>
public sealed class CliDovecotTests() : CliDovecotSession(new MailboxSpec { Count = 800, Seed = 5, Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.FromHours(2)) })
{
    [Fact]
    public async Task Set_password_then_sync_then_ask_the_cache()
    {
        var wrong = new CliApp(new StringWriter(), new StringWriter(), new StringReader("wrong\n"), () => Secrets, TimeProvider.System, interactive: false);
        Assert.Equal(1, await wrong.RunAsync(["set-password", "--config", Config]));
        Assert.Null(await Secrets.GetAsync("alex", SecretKinds.Password));

        var set = await RunAsync("set-password", "--stdin");
        Assert.Equal(0, set.Code);
        Assert.Contains("Login works", set.Out, StringComparison.Ordinal);

        var sync = await RunAsync("sync");
        Assert.Equal(0, sync.Code);
        Assert.Contains($"{Mailbox.Messages.Count} new", sync.Out, StringComparison.Ordinal);
        Assert.Contains("headers [████", sync.Error, StringComparison.Ordinal);

        var ieee = Mailbox.IeeeInvitation.Invitation;
        var search = await RunAsync("search", "from:ieee.org", "\"reviewer panel\"");
        Assert.Equal(0, search.Code);
        Assert.Contains($"{ieee.Folder}:{ieee.Uid}", search.Out, StringComparison.Ordinal);

        var json = await RunAsync("unreplied", "--json");
        var keys = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Select(e => $"{e.GetProperty("key").GetProperty("folder").GetString()}:{e.GetProperty("key").GetProperty("uid").GetUInt32()}").Order(StringComparer.Ordinal);
        Assert.Equal(Mailbox.Unreplied.Unanswered.Select(m => $"{m.Folder}:{m.Uid}").Order(StringComparer.Ordinal), keys);

        var thread = await RunAsync("thread", $"{ieee.Folder}:{ieee.Uid}");
        Assert.Contains($"{Mailbox.IeeeInvitation.Thread.Count} messages in the conversation", thread.Out, StringComparison.Ordinal);

        var show = await RunAsync("show", $"{ieee.Folder}:{ieee.Uid}");
        Assert.Contains("Subject:  " + ieee.Subject, show.Out, StringComparison.Ordinal);

        var stats = await RunAsync("stats", "--since", "1y", "--top", "5");
        Assert.Equal(0, stats.Code);
        Assert.Contains("automated", stats.Out, StringComparison.Ordinal);
        Assert.Contains("What decided automated vs human", stats.Out, StringComparison.Ordinal);

        var folders = await RunAsync("folders");
        Assert.Contains(ieee.Folder, folders.Out, StringComparison.Ordinal);
    }
}
