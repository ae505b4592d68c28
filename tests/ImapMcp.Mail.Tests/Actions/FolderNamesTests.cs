using ImapMcp.Mail.Actions;

namespace ImapMcp.Mail.Tests.Actions;

public sealed class FolderNamesTests
{
    private static readonly string[] Existing = ["INBOX", "Archive", "Archive/Conferences/IEEE", "Projects/Website", "Projects/Budget", "Sent", "Trash"];

    [Theory]
    [InlineData("Projets/Website", "Projects/Website")]
    [InlineData("website", "Projects/Website")]
    [InlineData("inbx", "INBOX")]
    [InlineData("IEE", "Archive/Conferences/IEEE")]
    [InlineData("Arhcive", "Archive")]
    public void A_mistyped_name_suggests_the_closest_folder_first(string typed, string expected) =>
        Assert.Equal(expected, FolderNames.Suggest(typed, Existing)[0]);

    [Fact]
    public void A_name_like_nothing_suggests_nothing() =>
        Assert.Empty(FolderNames.Suggest("Quarterly taxes 2019", Existing));

    [Fact]
    public void Distance_counts_single_character_edits() =>
        Assert.Equal((0, 1, 1, 1, 3), (FolderNames.Distance("abc", "abc"), FolderNames.Distance("abc", "abd"), FolderNames.Distance("abc", "ab"), FolderNames.Distance("abc", "abcd"), FolderNames.Distance("", "abc")));
}
