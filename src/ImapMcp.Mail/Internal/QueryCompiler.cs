using System.Globalization;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// Compiles a parsed query to a parameterized SQL condition over <c>messages m</c>. No value is ever spliced into SQL text.
/// Full-text parts of one AND/OR (negations included) become a single FTS5 expression, so each query costs at most a few
/// index lookups; a sender or a list given as an address or a domain goes to the lookup indexes instead of the full-text index.
/// </summary>
internal sealed class QueryCompiler
{
    private readonly DateTimeOffset _now;
    private readonly CacheCodec _codec;
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    // Set when a part of the condition finds rows in no date order (full text, or an OR of index ranges).
    private bool _unordered;

    private QueryCompiler(DateTimeOffset now, CacheCodec codec)
    {
        _now = now;
        _codec = codec;
    }

    /// <summary>Compiles for a cache whose values pass through <paramref name="codec"/> (full-text words become tokens in an encrypted cache).</summary>
    public static CompiledQuery Compile(QueryNode node, DateTimeOffset now, CacheCodec? codec = null)
    {
        var compiler = new QueryCompiler(now, codec ?? CacheCodec.Plain);
        var relevanceMatch = compiler.Fts(node);
        if (relevanceMatch is null && node is AndNode and)
        {
            var positives = and.Children.Select(compiler.Fts).OfType<string>().ToList();
            relevanceMatch = positives.Count == 0 ? null : string.Join(" AND ", positives);
        }

        var where = compiler.Visit(node);
        var datedFullText = node is AndNode dated && compiler.IsDatedFullText(dated) ? relevanceMatch : null;
        return new CompiledQuery(where, compiler._parameters, relevanceMatch, compiler.Fts(node), compiler._unordered, datedFullText);
    }

    /// <summary>An AND of full-text terms (at least one positive) and date bounds (at least one), nothing else.</summary>
    private bool IsDatedFullText(AndNode and)
    {
        var (positives, _, rest) = Split(and);
        return positives.Count > 0 && rest.Count > 0 && rest.All(r => r is FieldNode { Field: "after" or "before" or "older_than" or "newer_than" });
    }

    private string Visit(QueryNode node) => node switch
    {
        AllNode => "1",
        AndNode and => VisitAnd(and),
        OrNode or => VisitOr(or),
        NotNode not => Fts(not.Child) is { } negative ? "m.id NOT IN " + Match(negative) : "NOT (" + Visit(not.Child) + ")",
        TextNode text => LookupKeys.Of(text, _codec) is { } keys ? VisitLookup(keys, text) : "m.id IN " + Match(FtsExpression(text)),
        FieldNode field => VisitField(field),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private string VisitAnd(AndNode and)
    {
        // The full-text terms of one AND, negated ones included, become one MATCH: ("a" AND "b") NOT ("c" OR "d").
        var (positives, negatives, rest) = Split(and);
        var parts = rest.Select(Visit).ToList();
        if (positives.Count > 0)
            parts.Insert(0, "m.id IN " + Match(AndExpression(positives, negatives)));
        else if (negatives.Count > 0)
            parts.Add("m.id NOT IN " + Match(string.Join(" OR ", negatives)));
        return parts.Count == 1 ? parts[0] : "(" + string.Join(" AND ", parts) + ")";
    }

    private static string AndExpression(List<string> positives, List<string> negatives) =>
        negatives.Count == 0 ? string.Join(" AND ", positives) : "(" + string.Join(" AND ", positives) + ") NOT (" + string.Join(" OR ", negatives) + ")";

    /// <summary>The children of an AND as full-text terms, negated full-text terms, and the rest.</summary>
    private (List<string> Positives, List<string> Negatives, List<QueryNode> Others) Split(AndNode and)
    {
        var positives = new List<string>();
        var negatives = new List<string>();
        var rest = new List<QueryNode>();
        foreach (var child in and.Children)
        {
            if (Fts(child) is { } positive)
                positives.Add(positive);
            else if (child is NotNode not && Fts(not.Child) is { } negative)
                negatives.Add(negative);
            else
                rest.Add(child);
        }

        return (positives, negatives, rest);
    }

    private string VisitOr(OrNode or)
    {
        var texts = new List<string>();
        var parts = new List<string>();
        foreach (var child in or.Children)
        {
            if (Fts(child) is { } text)
                texts.Add(text);
            else
                parts.Add(Visit(child));
        }

        if (texts.Count > 0)
            parts.Insert(0, "m.id IN " + Match(string.Join(" OR ", texts)));
        return parts.Count == 1 ? parts[0] : "(" + string.Join(" OR ", parts) + ")";
    }

    /// <summary>The FTS5 expression for a subtree that is full text only (negations inside an AND included); null otherwise.</summary>
    private string? Fts(QueryNode node)
    {
        switch (node)
        {
            case TextNode text:
                return LookupKeys.Of(text, _codec) is null ? FtsExpression(text) : null;
            case OrNode or:
                {
                    var children = or.Children.Select(Fts).ToList();
                    return children.Any(c => c is null) ? null : "(" + string.Join(" OR ", children) + ")";
                }

            case AndNode and:
                {
                    // FTS5 has no "everything except": a negation needs a positive term beside it.
                    var (positives, negatives, rest) = Split(and);
                    if (rest.Count > 0 || positives.Count == 0)
                        return null;
                    return "(" + AndExpression(positives, negatives) + ")";
                }

            default:
                return null;
        }
    }

    private string VisitLookup(LookupKeys keys, TextNode text)
    {
        // Every value compared here comes from LookupKeys, the one place that maps a sender or a list to what the cache stores.
        if (keys.Exact is { } exact)
            return $"m.{keys.Column} = {Param(exact)}";
        _unordered = true;
        var column = "m." + keys.Column;
        var conditions = new List<string>
        {
            $"{column} = {Param(keys.Key!)}",
            $"({column} > {Param(keys.Key + ".")} AND {column} < {Param(keys.Key + "/")})",
        };
        if (keys.AddressPrefix is { } prefix && !_codec.IsEncrypted)
            conditions.Add($"(m.from_addr >= {Param(prefix)} AND m.from_addr < {Param(prefix[..^1] + (char)(prefix[^1] + 1))})");
        else if (keys.AddressPrefix is { } sealedPrefix)
        {
            // Tokens have no prefixes: the phrase of the value's words in the sender finds the candidates (few: the words
            // are rare outside their own sender), and the opened address decides, so the answer is the plaintext one.
            conditions.Add($"(m.id IN {Match(FtsExpression(text))} AND {MailCache.AddressStartsFunction}(m.from_addr_sealed, m.folder_id, m.uid, {Param(sealedPrefix)}))");
        }
        return "(" + string.Join(" OR ", conditions) + ")";
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

    private string Match(string expression)
    {
        _unordered = true;
        return "(SELECT rowid FROM fts WHERE fts MATCH " + Param(expression) + ")";
    }

    private string Param(object value)
    {
        var name = "$q" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }
}

/// <summary>
/// A compiled query: the condition, its parameters, the MATCH expression usable for relevance ranking, the MATCH expression
/// that is the whole condition when the query is full text only (counted on the FTS index alone), and whether the condition
/// finds its rows in no date order (so a page of many matches is cheaper by walking the date index). When the condition is
/// full-text terms and date bounds only, <see cref="DatedFullText"/> is the positive terms' MATCH: their number of matches
/// tells whether counting is cheaper by looking up each match's date or by walking the date index (which holds the rowid).
/// </summary>
internal sealed record CompiledQuery(string Where, IReadOnlyList<KeyValuePair<string, object>> Parameters, string? RelevanceMatch, string? FullTextOnly, bool Unordered, string? DatedFullText = null);
