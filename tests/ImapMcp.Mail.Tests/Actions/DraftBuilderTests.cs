using ImapMcp.Mail.Actions;
using ImapMcp.Mail.Actions.Internal;
using ImapMcp.Mail.Configuration;
using MimeKit;

namespace ImapMcp.Mail.Tests.Actions;

public sealed class DraftBuilderTests
{
    private static readonly AccountSettings Account = MailConfiguration.Parse("""
        { "accounts": [ { "name": "alex", "host": "127.0.0.1", "security": "none", "username": "alex",
                          "addresses": ["alex@example.com", "a.m@example.net"], "cache": "/tmp/x.db" } ] }
        """).Accounts[0];

    private static readonly DateTimeOffset Now = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);

    private static MimeMessage Original(string subject = "Re: Plans")
    {
        var m = new MimeMessage();
        m.From.Add(new MailboxAddress("Sarah Chen", "sarah@corp.example"));
        m.ReplyTo.Add(new MailboxAddress("Sarah (desk)", "sarah.desk@corp.example"));
        m.To.Add(new MailboxAddress("Alex", "a.m@example.net"));
        m.Cc.Add(new MailboxAddress("Bo", "bo@corp.example"));
        m.Cc.Add(new MailboxAddress("Alex", "alex@example.com"));
        m.Subject = subject;
        m.MessageId = "3@corp.example";
        m.References.Add("1@corp.example");
        m.References.Add("2@example.net");
        m.Date = new DateTimeOffset(2026, 4, 20, 9, 30, 0, TimeSpan.FromHours(2));
        m.Body = new TextPart("plain") { Text = "Thursday at 2pm?\n\nSarah" };
        return m;
    }

    [Fact]
    public void A_reply_all_goes_to_Reply_To_copies_the_others_but_never_the_owner_and_threads_once()
    {
        var reply = DraftBuilder.Reply(Account, Original(), "Works for me.", replyAll: true, Now);

        Assert.Equal(["sarah.desk@corp.example"], reply.To.Mailboxes.Select(a => a.Address));
        Assert.Equal(["bo@corp.example", "sarah@corp.example"], reply.Cc.Mailboxes.Select(a => a.Address));
        Assert.Equal("a.m@example.net", reply.From.Mailboxes.Single().Address);
        Assert.Equal("Re: Plans", reply.Subject);
        Assert.Equal("3@corp.example", reply.InReplyTo);
        Assert.Equal(["1@corp.example", "2@example.net", "3@corp.example"], reply.References);
        Assert.Contains("On Mon, 20 Apr 2026 at 09:30, Sarah Chen <sarah@corp.example> wrote:", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("> Thursday at 2pm?", reply.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_reply_has_no_Cc_and_adds_Re_once()
    {
        var reply = DraftBuilder.Reply(Account, Original("Plans"), "Ok", replyAll: false, Now);

        Assert.Empty(reply.Cc);
        Assert.Equal("Re: Plans", reply.Subject);
    }

    [Fact]
    public void Limits_and_malformed_addresses_are_refused_with_the_fix()
    {
        Assert.Contains("not an e-mail address", Assert.Throws<ActionException>(() => DraftBuilder.Create(Account, new DraftContent { To = ["bob"] }, Now)).Message, StringComparison.Ordinal);
        Assert.Contains("limit", Assert.Throws<ActionException>(() => DraftBuilder.Create(Account, new DraftContent { Subject = new string('x', 2000) }, Now)).Message, StringComparison.Ordinal);
    }
}
