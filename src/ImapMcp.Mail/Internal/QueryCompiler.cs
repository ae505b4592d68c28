using System.Globalization;
using System.Text;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Internal;

/// <summary>Compiles a parsed query to a parameterized SQL condition over <c>messages m</c>. No value is ever spliced into SQL text.</summary>
internal sealed class QueryCompiler
{
    private readonly DateTimeOffset _now;
    private readonly CacheCodec _codec;
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    private QueryCompiler(DateTimeOffset now, CacheCodec codec)
    {
        _now = now;
        _codec = codec;
    }

    /// <summary>Compiles for a cache whose values pass through <paramref name="codec"/> (full-text words become tokens in an encrypted cache).</summary>
    public static CompiledQuery Compile(QueryNode node, DateTimeOffset now, CacheCodec? codec = null)
    {
        var compiler = new QueryCompiler(now, codec ?? CacheCodec.Plain);
        string? relevanceMatch = null;
        if (node is AndNode and)
        {
            relevanceMatch = compiler.PositiveMatch(and.Children);
        }
        else if (node is TextNode text)
        {
            relevanceMatch = compiler.FtsExpression(text);
        }

        var where = compiler.Visit(node);
        return new CompiledQuery(where, compiler._parameters, relevanceMatch);
    }

    private string Visit(QueryNode node) => node switch
    {
        AllNode => "1",
        AndNode and => VisitAnd(and),
        OrNode or => "(" + string.Join(" OR ", or.Children.Select(Visit)) + ")",
        NotNode not => "NOT (" + Visit(not.Child) + ")",
        TextNode text => "m.id IN (SELECT rowid FROM fts WHERE fts MATCH " + Param(FtsExpression(text)) + ")",
        FieldNode field => VisitField(field),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private string VisitAnd(AndNode and)
    {
        // Positive full-text terms of one AND become a single MATCH: one index lookup instead of one per word.
        var parts = new List<string>();
        var match = PositiveMatch(and.Children);
        if (match is not null)
            parts.Add("m.id IN (SELECT rowid FROM fts WHERE fts MATCH " + Param(match) + ")");
        foreach (var child in and.Children)
        {
            if (child is TextNode)
                continue;
            parts.Add(Visit(child));
        }

        return "(" + string.Join(" AND ", parts) + ")";
    }

    private string? PositiveMatch(IReadOnlyList<QueryNode> children)
    {
        var texts = children.OfType<TextNode>().Select(FtsExpression).ToList();
        return texts.Count == 0 ? null : string.Join(" AND ", texts);
    }

    private string VisitField(FieldNode f)
    {
        var value = f.Value;
        switch (f.Field)
        {
            case "folder":
                {
                    var p = Param(value.ToLowerInvariant());
                    var role = Enum.TryParse<FolderRole>(value, true, out var r) && r != FolderRole.None && char.IsLetter(value[0]) ? r.ToString() : "";
                    return $"m.folder_id IN (SELECT id FROM folders WHERE lower(name) = {p} OR lower(name) LIKE '%/' || {p} ESCAPE '\\' OR lower(name) LIKE '%.' || {p} ESCAPE '\\' OR role = {Param(role)})";
                }

            case "after":
                QueryDates.TryParseDate(value, out var after);
                return "m.date >= " + Param(Sql.ToUnixMs(after));
            case "before":
                QueryDates.TryParseDate(value, out var before);
                return "m.date < " + Param(Sql.ToUnixMs(before));
            case "older_than":
                return "m.date < " + Param(Sql.ToUnixMs(MailPeriod.Parse(value).Before(_now)));
            case "newer_than":
                return "m.date >= " + Param(Sql.ToUnixMs(MailPeriod.Parse(value).Before(_now)));
            case "is":
                return value.ToLowerInvariant() switch
                {
                    "unread" or "unseen" => "(m.flags & 1) = 0",
                    "read" or "seen" => "(m.flags & 1) <> 0",
                    "flagged" or "starred" => "(m.flags & 4) <> 0",
                    "unflagged" => "(m.flags & 4) = 0",
                    "answered" or "replied" => "(m.flags & 2) <> 0",
                    "unanswered" => "(m.flags & 2) = 0",
                    "draft" => "(m.flags & 16) <> 0",
                    "automated" => "m.automated = 1",
                    _ => "m.automated = 0",
                };
            case "has":
                return value.ToLowerInvariant() == "body" ? "m.body_state = 1" : "m.has_attachments = 1";
            case "category":
                return "m.category = " + Param(value.ToLowerInvariant());
            default:
                throw new InvalidOperationException(f.Field);
        }
    }

    private string FtsExpression(TextNode text)
    {
        var match = _codec.Match(text.Text, text.Prefix);
        return text.Column is null ? match : text.Column + " : " + match;
    }

    private string Param(object value)
    {
        var name = "$q" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }

    private static string EscapeLike(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }
}

/// <summary>A compiled query: the condition, its parameters, and the MATCH expression usable for relevance ranking.</summary>
internal sealed record CompiledQuery(string Where, IReadOnlyList<KeyValuePair<string, object>> Parameters, string? RelevanceMatch);
