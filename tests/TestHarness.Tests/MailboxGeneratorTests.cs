using MimeKit;
using TestHarness.Mail;

namespace TestHarness.Tests;

public sealed class MailboxGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 25, 19, 51, 45, TimeSpan.FromHours(2));
    private static readonly Lazy<GeneratedMailbox> Shared = new(() => MailboxGenerator.Generate(new MailboxSpec { Count = 4_000, Seed = 3, Now = Now }));
    private static readonly Lazy<Dictionary<GeneratedMessage, MimeMessage>> Parsed = new(() => Shared.Value.Messages.ToDictionary(m => m, m => Parse(m.ToBytes())));

    [Fact]
    public void The_same_seed_gives_identical_bytes_and_another_seed_a_different_mailbox()
    {
        var spec = new MailboxSpec { Count = 1_000, Seed = 1234, Now = Now };
        var first = MailboxGenerator.Generate(spec);
        var again = MailboxGenerator.Generate(spec);
        var other = MailboxGenerator.Generate(new MailboxSpec { Count = 1_000, Seed = 1235, Now = Now });

        Assert.All(first.Messages.Zip(again.Messages), pair =>
        {
            Assert.Equal(pair.First.Folder, pair.Second.Folder);
            Assert.Equal(pair.First.Uid, pair.Second.Uid);
            Assert.Equal(pair.First.ToBytes(), pair.Second.ToBytes());
        });
        var same = first.Messages.Zip(other.Messages).Count(p => p.First.ToBytes().AsSpan().SequenceEqual(p.Second.ToBytes()));
        Assert.True(same == 0, $"{same} of 1000 messages are identical under another seed");
        Assert.NotEqual(first.CountsBySender(), other.CountsBySender());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(2_500)]
    [InlineData(20_000)]
    public void A_mailbox_of_any_size_has_exactly_the_requested_messages_and_all_planted_stories(int count)
    {
        var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = count, Seed = 1, Now = Now });

        Assert.Equal(count, mailbox.Messages.Count);
        Assert.Equal(count, mailbox.CountsByFolder().Values.Sum());
        Assert.Equal("Archive/Old/Misc", mailbox.IeeeInvitation.Folder);
        Assert.Equal(12, mailbox.Unreplied.Unanswered.Count);
        Assert.Equal(7, mailbox.Unreplied.Answered.Count);
        Assert.Contains(mailbox.BudgetThread.LastMessage, mailbox.Unreplied.Unanswered);
        Assert.All(mailbox.Messages, m => Assert.InRange(m.Date, Now.AddYears(-3).AddDays(-1), Now));
        Assert.All(mailbox.Folders, f => Assert.Equal(Enumerable.Range(1, f.Count).Select(i => (uint)i), f.Messages.Select(m => m.Uid)));
    }

    [Fact]
    public void The_mix_looks_like_a_real_inbox_of_mostly_automated_mail()
    {
        var mailbox = MailboxGenerator.Generate(new MailboxSpec { Count = 20_000, Seed = 2, Now = Now });
        var share = mailbox.CountsByCategory().ToDictionary(kv => kv.Key, kv => kv.Value / 20_000.0);

        Assert.InRange(share[MailCategory.Monitoring], 0.37, 0.43);
        Assert.InRange(share[MailCategory.GitHub], 0.13, 0.17);
        Assert.InRange(share[MailCategory.Human], 0.02, 0.06);
        Assert.InRange(mailbox.Messages.Count(m => m.Category == MailCategory.Human && !m.IsFromOwner) / 20_000.0, 0.02, 0.04);
        Assert.All(new[] { MailCategory.Newsletter, MailCategory.Shopping, MailCategory.LinkedIn, MailCategory.Service, MailCategory.Finance, MailCategory.Travel, MailCategory.Spam }, c => Assert.True(share[c] > 0.005, $"{c} is missing"));
        Assert.Contains("alerts@monitoring.example", mailbox.SendersNeverOpened());
        Assert.Contains("invitations@linkedin.com", mailbox.SendersNeverOpened());
        Assert.All(mailbox.Messages.Where(m => m.From.Address == "alerts@monitoring.example"), m => Assert.False(m.Flags.HasFlag(MailFlags.Seen)));
        Assert.True(mailbox.Messages.Count(m => m.HasAttachments) > 100);
        Assert.Equal(["iso-8859-1", "koi8-r", "shift_jis", "utf-8", "windows-1252"], mailbox.Messages.Select(m => m.Charset).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Enum.GetValues<BodyShape>(), shape => Assert.Contains(mailbox.Messages, m => m.Shape == shape));
        Assert.True(mailbox.Thread("northwind/api-gateway/issues/" + mailbox.Messages.First(m => m.MessageId?.StartsWith("northwind/api-gateway/issues/", StringComparison.Ordinal) == true && m.InReplyTo is null).MessageId!.Split('/')[3]).Count >= 1);
    }

    [Fact]
    public void Every_well_formed_message_parses_and_carries_the_stated_headers()
    {
        var owner = Shared.Value.OwnerAddresses;
        foreach (var (m, parsed) in Parsed.Value.Where(p => p.Key.Malformation == Malformation.None))
        {
            var because = m.ToString();
            Assert.True(m.MessageId == parsed.MessageId, because);
            Assert.Equal(m.InReplyTo, parsed.InReplyTo);
            Assert.Equal(m.References, parsed.References);
            Assert.True(m.Subject == parsed.Subject, $"{because}: decoded as '{parsed.Subject}'");
            Assert.Equal(m.Date, parsed.Date);
            Assert.Equal(m.Date.Offset, parsed.Date.Offset);
            var from = parsed.From.Mailboxes.Single();
            Assert.True(m.From.Name == from.Name && m.From.Address == from.Address, $"{because}: From {from}");
            Assert.Equal(m.To.Select(a => (a.Name, a.Address)), parsed.To.Mailboxes.Select(a => (a.Name ?? "", a.Address)));
            Assert.Equal(m.Cc.Select(a => (a.Name, a.Address)), parsed.Cc.Mailboxes.Select(a => (a.Name ?? "", a.Address)));
            Assert.Equal(m.ListId, ListIdentifier(parsed));
            Assert.Equal(m.GitHubReason, parsed.Headers["X-GitHub-Reason"]);
            Assert.True(m.AutomationSignals == SignalsOf(parsed), $"{because}: {m.AutomationSignals} vs {SignalsOf(parsed)}");
            Assert.Equal(m.IsAutomated, m.AutomationSignals != AutomationSignals.None);
            Assert.Equal(m.IsFromOwner, owner.Contains(from.Address));
            Assert.Equal(m.Attachments.Select(a => (a.FileName, a.ContentType, a.Size)), parsed.Attachments.OfType<MimePart>().Select(a => (a.FileName ?? "", a.ContentType.MimeType, DecodedLength(a))));
            Assert.False(string.IsNullOrWhiteSpace(parsed.TextBody ?? parsed.HtmlBody), because);
            Assert.Equal(m.Charset, parsed.BodyParts.OfType<TextPart>().First().ContentType.Charset);
            Assert.Equal(m.Size, m.ToBytes().Length);
        }
    }

    [Fact]
    public void The_deliberately_malformed_messages_are_broken_as_stated_and_still_load_into_MimeKit()
    {
        var broken = Parsed.Value.Where(p => p.Key.Malformation != Malformation.None).ToList();

        Assert.Equal(Enum.GetValues<Malformation>().Skip(1), broken.Select(p => p.Key.Malformation).Distinct().Order());
        foreach (var (m, parsed) in broken)
        {
            var raw = m.ToBytes();
            switch (m.Malformation)
            {
                case Malformation.BadDate:
                    Assert.Equal(DateTimeOffset.MinValue, parsed.Date);
                    break;
                case Malformation.MissingMessageId:
                    Assert.Null(m.MessageId);
                    Assert.False(parsed.Headers.Contains(HeaderId.MessageId));
                    break;
                case Malformation.BrokenBoundary:
                    Assert.Empty(parsed.Attachments);
                    break;
                case Malformation.EightBitHeader:
                    var subjectLine = raw.AsSpan(raw.AsSpan().IndexOf("\r\nSubject: "u8));
                    Assert.Contains(subjectLine[..subjectLine[2..].IndexOf("\r\n"u8)].ToArray(), b => b >= 0x80);
                    Assert.Throws<System.Text.DecoderFallbackException>(() => new System.Text.UTF8Encoding(false, true).GetString(raw));
                    break;
            }
        }
    }

    [Fact]
    public void The_IEEE_reviewer_panel_invitation_and_its_unread_follow_ups_sit_in_a_forgotten_subfolder()
    {
        var story = Shared.Value.IeeeInvitation;
        var invitation = Parsed.Value[story.Invitation];

        Assert.StartsWith("Invitation to join the IEEE", invitation.Subject, StringComparison.Ordinal);
        Assert.EndsWith("Reviewer Panel", invitation.Subject, StringComparison.Ordinal);
        Assert.EndsWith("@ieee.org", invitation.From.Mailboxes.Single().Address, StringComparison.Ordinal);
        Assert.Contains("Reviewer Panel", invitation.TextBody, StringComparison.Ordinal);
        Assert.Equal("Reviewer-Panel-Terms-of-Reference.pdf", invitation.Attachments.Single().ContentDisposition?.FileName);
        Assert.All(story.Thread, m => Assert.Equal("Archive/Old/Misc", m.Folder));
        Assert.All(story.Thread, m => Assert.Equal(story.Invitation.MessageId, m.ThreadKey));
        Assert.All(story.FollowUps, m => Assert.False(m.Flags.HasFlag(MailFlags.Seen)));
        Assert.All(story.FollowUps, m => Assert.Equal(story.Invitation.MessageId, Parsed.Value[m].References[0]));
        Assert.True(story.Invitation.Date < Now.AddDays(-60));
        Assert.Equal(story.Thread, Shared.Value.Thread(story.Invitation.ThreadKey));
    }

    [Fact]
    public void Sarah_proposes_Thursday_at_2pm_in_the_last_message_of_the_Q3_budget_thread()
    {
        var story = Shared.Value.BudgetThread;
        var last = Parsed.Value[story.LastMessage];

        Assert.Equal("sarah.chen@example.com", story.Sarah.Address);
        Assert.Equal(["Q3 budget review", "Re: Q3 budget review", "Re: Q3 budget review"], story.Messages.Select(m => m.Subject));
        Assert.Equal(["INBOX", "Sent", "INBOX"], story.Messages.Select(m => m.Folder));
        Assert.Contains(story.ProposedMeeting, last.TextBody, StringComparison.Ordinal);
        Assert.Equal(story.Messages[1].MessageId, last.InReplyTo);
        Assert.True(story.Messages[0].Flags.HasFlag(MailFlags.Answered));
        Assert.False(story.LastMessage.Flags.HasFlag(MailFlags.Answered));
        Assert.Contains("Tuesday at 10am", Parsed.Value[story.DecoyThread[0]].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Thursday", Parsed.Value[story.DecoyThread[0]].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unanswered_mail_of_the_last_two_weeks_is_exactly_what_the_headers_say()
    {
        var mailbox = Shared.Value;
        var story = mailbox.Unreplied;
        var since = Now.AddDays(-14);

        // Recompute from the bytes alone: people (no automation header) writing to the owner, outside Sent/Drafts/
        // Trash/Junk, with no later message from the owner in Sent in the same thread.
        var parsed = Parsed.Value.Select(p => (p.Key.Folder, Message: p.Value)).ToList();
        static string? Thread(MimeMessage m) => m.References.FirstOrDefault() ?? m.InReplyTo ?? m.MessageId;
        var ownerSent = parsed.Where(p => p.Folder == "Sent").Select(p => (Thread: Thread(p.Message), p.Message.Date)).ToList();
        var fromHeaders = parsed
            .Where(p => p.Folder is not ("Sent" or "Drafts" or "Trash" or "Junk") && p.Message.Date >= since)
            .Where(p => SignalsOf(p.Message) == AutomationSignals.None && !mailbox.IsOwnerAddress(p.Message.From.Mailboxes.Single().Address))
            .Where(p => !ownerSent.Any(s => s.Thread == Thread(p.Message) && s.Date > p.Message.Date))
            .Select(p => p.Message.MessageId)
            .Order(StringComparer.Ordinal);

        Assert.Equal(story.Unanswered.Select(m => m.MessageId).Order(StringComparer.Ordinal), fromHeaders);
        Assert.Equal(story.Unanswered, mailbox.UnansweredSince(since));
        Assert.Equal(story.Answered, mailbox.AnsweredSince(since));
        Assert.Equal(12, story.Unanswered.Count);
        Assert.Contains(story.Unanswered, m => m.Folder == "Projects/Website");
        Assert.Contains(story.Unanswered, m => m.Cc.Any(a => a.Address == mailbox.Owner.Address) && m.To.All(a => !mailbox.IsOwnerAddress(a.Address)));
        Assert.Contains(story.Unanswered, m => m.Charset == "koi8-r");
        Assert.Contains(mailbox.Folder("Drafts").Messages, d => d.InReplyTo == story.Unanswered.Single(m => m.Subject == "Feedback on the onboarding doc?").MessageId);
        Assert.All(story.Answered.Zip(story.Replies), pair =>
        {
            Assert.True(pair.First.Flags.HasFlag(MailFlags.Answered));
            Assert.Equal("Sent", pair.Second.Folder);
            Assert.Equal(pair.First.MessageId, pair.Second.InReplyTo);
        });
        Assert.Contains(story.Replies, r => r.From.Address == mailbox.Spec.OwnerAlias);
    }

    [Fact]
    public void A_spec_outside_the_supported_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MailboxGenerator.Generate(new MailboxSpec { Count = 99, Now = Now }));
        Assert.Throws<ArgumentException>(() => MailboxGenerator.Generate(new MailboxSpec { Count = 100, Now = Now, OwnerAddress = "not an address" }));
    }

    private static MimeMessage Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return MimeMessage.Load(stream);
    }

    private static string? ListIdentifier(MimeMessage message)
    {
        var value = message.Headers[HeaderId.ListId];
        return value is null ? null : value[(value.IndexOf('<', StringComparison.Ordinal) + 1)..value.IndexOf('>', StringComparison.Ordinal)];
    }

    private static AutomationSignals SignalsOf(MimeMessage message)
    {
        var signals = AutomationSignals.None;
        if (message.Headers["Auto-Submitted"] is { } auto && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            signals |= AutomationSignals.AutoSubmitted;
        }

        if (message.Headers.Contains(HeaderId.ListId))
        {
            signals |= AutomationSignals.ListId;
        }

        if (message.Headers.Contains(HeaderId.ListUnsubscribe))
        {
            signals |= AutomationSignals.ListUnsubscribe;
        }

        if (message.Headers[HeaderId.Precedence]?.Trim() is "bulk" or "list" or "junk")
        {
            signals |= AutomationSignals.PrecedenceBulk;
        }

        var local = message.From.Mailboxes.Single().LocalPart.ToLowerInvariant();
        if (local.Contains("noreply", StringComparison.Ordinal) || local.Contains("no-reply", StringComparison.Ordinal) || local.Contains("donotreply", StringComparison.Ordinal))
        {
            signals |= AutomationSignals.NoReplySender;
        }

        return signals;
    }

    private static int DecodedLength(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return (int)stream.Length;
    }
}
