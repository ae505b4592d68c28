using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Tests.Query;

public sealed class QueryParserTests
{
    [Fact]
    public void The_assistant_combines_fields_words_phrases_or_and_negation()
    {
        var node = QueryParser.Parse("from:ieee.org \"reviewer panel\" (invitation OR invite) -is:read");

        var and = Assert.IsType<AndNode>(node);
        Assert.Equal(4, and.Children.Count);
        Assert.Equal(new TextNode("ieee.org", false, "sender", true, 0), and.Children[0]);
        Assert.Equal(new TextNode("reviewer panel", true, null, false, 14), and.Children[1]);
        Assert.IsType<OrNode>(and.Children[2]);
        var not = Assert.IsType<NotNode>(and.Children[3]);
        Assert.Equal("read", Assert.IsType<FieldNode>(not.Child).Value);
    }

    [Theory]
    [InlineData("from:", 5, "from: needs a value")]
    [InlineData("sender:bob", 0, "unknown field 'sender:'")]
    [InlineData("older_than:3x", 11, "'3x' is not a period")]
    [InlineData("after:yesterday", 6, "'yesterday' is not a date")]
    [InlineData("is:important", 3, "is:important is not known")]
    [InlineData("\"reviewer panel", 0, "the quote is never closed")]
    [InlineData("(a OR b", 0, "'(' is never closed")]
    [InlineData("a OR", 2, "OR needs a term on both sides")]
    [InlineData("a )", 2, "')' without a matching '('")]
    [InlineData("- a", 2, "unknown")]
    public void A_malformed_query_says_where_and_what(string query, int position, string problem)
    {
        if (problem == "unknown")
        {
            // A lone dash followed by a space is just a word, not a negation.
            Assert.IsType<AndNode>(QueryParser.Parse(query));
            return;
        }

        var e = Assert.Throws<QueryParseException>(() => QueryParser.Parse(query));
        Assert.Equal(position, e.Position);
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
        Assert.Contains($"at character {position + 1}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_query_matches_everything()
    {
        Assert.IsType<AllNode>(QueryParser.Parse("   "));
    }

    [Fact]
    public void Values_are_parameters_never_sql()
    {
        var compiled = QueryCompiler.Compile(QueryParser.Parse("list:x';DROP_TABLE_messages;-- folder:\"a' OR 1=1\""), DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("DROP_TABLE", compiled.Where, StringComparison.Ordinal);
        Assert.DoesNotContain("1=1", compiled.Where, StringComparison.Ordinal);
    }
}
