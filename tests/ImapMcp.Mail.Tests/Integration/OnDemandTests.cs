using ImapMcp.Mail.Query;
using ImapMcp.Mail.Tests.Support;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>What the body policy left on the server comes on demand: a body when a message is opened, an attachment when saved.</summary>
public sealed class OnDemandTests
{
    [Fact]
    public async Task Opening_a_message_whose_body_was_not_synced_downloads_it_once()
    {
        var mailbox = DovecotAccount.Generate(150);
        await using var env = await DovecotAccount.StartAsync(mailbox, bodies: "none");
        using var account = await env.OpenAsync();
        await account.SyncAsync();
        var sarah = mailbox.BudgetThread.LastMessage;
        var key = new MessageKey(sarah.Folder, sarah.Uid);
        Assert.False((await account.Queries.GetMessageAsync(key))!.BodyAvailable);

        var loaded = await account.LoadMessageAsync(key);

        Assert.True(loaded!.BodyAvailable);
        Assert.Contains(mailbox.BudgetThread.ProposedMeeting, loaded.Body, StringComparison.Ordinal);
        Assert.Equal(1, (await account.Queries.SearchAsync("\"" + mailbox.BudgetThread.ProposedMeeting + "\"")).Total);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("all")]
    public async Task Saving_an_attachment_writes_its_decoded_bytes(string bodies)
    {
        var mailbox = DovecotAccount.Generate(300);
        await using var env = await DovecotAccount.StartAsync(mailbox, bodies: bodies);
        using var account = await env.OpenAsync();
        await account.SyncAsync();
        var message = mailbox.Messages.First(m => m.Attachments.Count > 0 && m.Malformation == TestHarness.Mail.Malformation.None);
        var key = new MessageKey(message.Folder, message.Uid);
        var details = await account.Queries.GetMessageAsync(key);
        var first = details!.Attachments[0];
        Assert.Equal(message.Attachments[0].FileName, first.FileName);

        using var saved = new MemoryStream();
        var info = await account.SaveAttachmentAsync(key, first.PartSpecifier, saved);

        Assert.Equal(message.Attachments[0].Size, saved.Length);
        Assert.Equal(first, info);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => account.SaveAttachmentAsync(key, "9.9", Stream.Null));
        Assert.Contains(first.FileName, e.Message, StringComparison.Ordinal);
    }
}
