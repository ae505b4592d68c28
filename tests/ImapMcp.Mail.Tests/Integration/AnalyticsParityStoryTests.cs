using ImapMcp.Mail.Tests.Query;

namespace ImapMcp.Mail.Tests.Integration;

/// <summary>
/// The generated mailbox synced from Dovecot into a plaintext and an encrypted cache: every statistic, row for row
/// (names, rules, categories, unread counts, the order of ties), is the same in both.
/// </summary>
public sealed class AnalyticsParityStoryTests(GeneratedMailboxFixture plain, EncryptedMailboxFixture encrypted)
    : IClassFixture<GeneratedMailboxFixture>, IClassFixture<EncryptedMailboxFixture>
{
    [Fact]
    public async Task Every_statistic_of_the_generated_mailbox_is_the_same_in_the_plaintext_and_the_encrypted_cache()
    {
        var expected = await AnalyticsParityTests.StatisticsAsync(plain.Account.Analytics, plain.Mailbox.Now);

        Assert.Equal(expected, await AnalyticsParityTests.StatisticsAsync(encrypted.Account.Analytics, encrypted.Mailbox.Now));
        // The comparison covers ties: some ranking has two neighbours with the same count.
        Assert.Matches(@"top 100 sender SenderVolume \{[^\n]*Messages = (\d+),[^\n]*\ntop 100 sender SenderVolume \{[^\n]*Messages = \1,", expected);
    }
}
