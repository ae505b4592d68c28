using System.Globalization;
using TestHarness.Mail;

namespace ImapMcp.Bench;

/// <summary>One search shape written in the engine's language and in notmuch's, meaning the same thing.</summary>
internal sealed record QueryShape(string Name, string Engine, string Notmuch)
{
    public const string FindIeee = "find-ieee";

    /// <summary>The shapes the issue asks for, with terms taken from the generated mailbox so each one matches something.</summary>
    public static IReadOnlyList<QueryShape> For(GeneratedMailbox mailbox)
    {
        var sarah = mailbox.BudgetThread.Sarah;
        var sarahFirst = sarah.Name.Split(' ')[0].ToLowerInvariant();
        var topHuman = mailbox.Messages.Where(m => m.Category == MailCategory.Human && !m.IsFromOwner)
            .GroupBy(m => m.From.Address.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var month = new DateTimeOffset(mailbox.Now.Year, mailbox.Now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-6);
        var threeMonths = mailbox.Now.AddMonths(-3).UtcDateTime.Date;
        static string D(DateTimeOffset d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            new("from-address", $"from:{topHuman}", $"from:{topHuman}"),
            new("from-name", $"from:{sarahFirst}", $"from:{sarahFirst}"),
            new("subject", "subject:budget", "subject:budget"),
            new("words", "contract renewal", "contract and renewal"),
            new("phrase", "\"message queue\"", "\"message queue\""),
            new("folder", "folder:Projects/Budget", "folder:Projects/Budget"),
            new("date-range", $"after:{D(month)} before:{D(month.AddMonths(1))}", $"date:{D(month)}..{D(month.AddMonths(1).AddDays(-1))}"),
            new("is-unread", "is:unread", "tag:unread"),
            new("has-attachment", "has:attachment", "tag:attachment"),
            new("list", "list:weekly.weeklydev.example", "List:weekly.weeklydev.example"),
            new("or", $"from:{sarahFirst} OR from:ieee.org", $"from:{sarahFirst} or from:ieee.org"),
            new("negation", $"budget -from:{sarahFirst}", $"budget and not from:{sarahFirst}"),
            new("combined", $"is:unread has:attachment after:{D(threeMonths)}", $"tag:unread and tag:attachment and date:{D(threeMonths)}.."),
            new(FindIeee, "ieee reviewer panel invitation", "ieee and reviewer and panel and invitation"),
        ];
    }
}
