using ImapMcp.Mail.Classification;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Tests.Classification;

public sealed class MessageClassifierTests
{
    private static MailClassification Classify(string from, string subject, params (string Name, string Value)[] headers) =>
        MessageClassifier.Classify(new ClassificationInput(from, null, subject, headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase)));

    [Theory]
    [InlineData("alerts@monitoring.example", "[FIRING:1] DiskFull", "Auto-Submitted", "auto-generated", "header Auto-Submitted: auto-generated", "monitoring")]
    [InlineData("notifications@github.com", "[repo] Fix (#1)", "X-GitHub-Reason", "mention", "header X-GitHub-Reason: mention", "github")]
    [InlineData("news@weekly.example", "Issue #12", "List-Id", "<weekly.example>", "header List-Id: <weekly.example>", "newsletter")]
    [InlineData("deals@shop.example", "50% off", "Precedence", "bulk", "header Precedence: bulk", "shopping")]
    [InlineData("no-reply@bank.example", "Your statement", "X-Mailer", "x", "sender address pattern 'no-reply@'", "finance")]
    public void Automated_mail_names_the_rule_that_decided(string from, string subject, string header, string value, string rule, string category)
    {
        var c = Classify(from, subject, (header, value));

        Assert.True(c.Automated);
        Assert.Equal(rule, c.Rule);
        Assert.Equal(category, c.Category);
    }

    [Fact]
    public void A_person_who_says_Auto_Submitted_no_is_still_a_person()
    {
        var c = Classify("sarah.chen@example.com", "Q3 budget review", ("Auto-Submitted", "no"));

        Assert.False(c.Automated);
        Assert.Equal("human", c.Category);
    }

    [Fact]
    public void Automated_mail_in_Junk_is_spam()
    {
        var c = MessageClassifier.Classify(new ClassificationInput("winner@prize.example", null, "You WON", new Dictionary<string, string> { ["Precedence"] = "junk" }, InJunk: true));

        Assert.Equal(("spam", "filed in the Junk folder"), (c.Category, c.CategoryRule));
    }

    [Theory]
    [InlineData("<p>Hi <b>there</b></p><script>alert(1)</script><style>p{}</style><p>Line&nbsp;two &amp; more</p>", "Hi there\n\nLine two & more")]
    [InlineData("<html><head><title>T</title></head><body>A<br>B<!-- hidden --></body></html>", "A\nB")]
    public void HTML_is_reduced_to_text_without_scripts_styles_or_comments(string html, string text)
    {
        Assert.Equal(text, BodyText.HtmlToText(html));
    }

    [Theory]
    [InlineData("Re: Fwd: AW: [list] Q3 budget review", "q3 budget review")]
    [InlineData("RE[2]:  Lunch", "lunch")]
    [InlineData("", "")]
    public void Reply_prefixes_do_not_split_a_thread(string subject, string normalized)
    {
        Assert.Equal(normalized, SubjectNormalizer.Normalize(subject));
    }

    [Fact]
    public void Periods_count_back_on_the_calendar()
    {
        var now = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero), MailPeriod.Parse("3m").Before(now));
        Assert.Equal(now.AddDays(-14), MailPeriod.Parse("2w").Before(now));
        Assert.False(MailPeriod.TryParse("3x", out _));
        Assert.True(MessageKey.TryParse("Archive/2024:Q1:42", out var key));
        Assert.Equal(new MessageKey("Archive/2024:Q1", 42), key);
        Assert.False(MessageKey.TryParse("INBOX", out _));
    }
}
