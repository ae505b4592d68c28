using System.Text;
using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Query;
using ImapMcp.Mail.Tests.Actions;

namespace ImapMcp.Mail.Tests.Encryption;

/// <summary>Actions on an encrypted cache: moved mail stays encrypted and readable, and the plans and journal show nothing either.</summary>
public sealed class EncryptedActionTests
{
    [Fact]
    public async Task Moving_GitHub_mail_to_Dev_keeps_it_encrypted_searchable_and_readable_and_the_journal_sealed()
    {
        await using var bed = await ActionTestBed.StartAsync(encrypt: true);
        var github = bed.Mailbox.Messages.Where(m => m.From.Address.EndsWith("@github.com", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(github);

        await bed.Account.Actions.CreateFolderAsync("Dev");
        var plan = await bed.Account.Actions.PlanAsync(MessageAction.MoveTo("Dev"), "from:notifications@github.com");
        var applied = await bed.Account.Actions.ApplyAsync(plan.Id);

        Assert.Equal(github.Count, applied.Done);
        var moved = await bed.Account.Queries.SearchAsync("in:Dev from:notifications@github.com", new QueryOptions { Limit = 500 });
        Assert.Equal(github.Count, moved.Total);
        Assert.Equal(github.Select(m => m.Subject).Order(StringComparer.Ordinal), moved.Messages.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var details = await bed.Account.Queries.GetMessageAsync(moved.Messages[0].Key);
        Assert.Equal(moved.Messages[0].Subject, details!.Summary.Subject);
        Assert.True(details.BodyAvailable);
        await bed.Environment.AssertCacheEqualsServerAsync(bed.Account);

        var journal = await bed.Account.Actions.GetJournalAsync();
        Assert.Contains("from:notifications@github.com", journal[0].Summary, StringComparison.Ordinal);
        Assert.Equal("from:notifications@github.com", journal[0].Query);

        var planted = new[] { "notifications@github.com", "github.com", github[0].Subject, github[0].MessageId!.Trim('<', '>') };
        var files = new[] { "", "-wal", "-shm" }.Select(s => bed.Account.Cache.Path + s).Where(File.Exists).Select(File.ReadAllBytes).ToList();
        var found = planted.Where(p => files.Any(f => f.AsSpan().IndexOf(Encoding.UTF8.GetBytes(p)) >= 0)).ToList();
        Assert.Empty(found);
    }
}
