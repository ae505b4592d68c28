using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// Parses the search language: <c>from: to: cc: subject: folder:/in: after: before: older_than: newer_than: is: has: list: category:</c>,
/// quoted phrases, plain words, <c>OR</c>, <c>-</c> negation and parentheses. Errors say where and what.
/// </summary>
internal sealed class QueryParser
{
    public static readonly string[] Fields =
        ["from", "to", "cc", "subject", "body", "folder", "in", "after", "before", "older_than", "newer_than", "is", "has", "list", "category"];

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _index;

    private QueryParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static QueryNode Parse(string? query)
    {
        var text = query ?? "";
        var parser = new QueryParser(text);
        if (parser._tokens.Count == 0)
            return new AllNode(0);
        var node = parser.ParseOr();
        if (parser._index < parser._tokens.Count)
        {
            var t = parser._tokens[parser._index];
            throw new QueryParseException(text, t.Position, t.Kind == TokenKind.Close ? "')' without a matching '('" : $"unexpected '{t.Text}'");
        }

        return node;
    }

    private QueryNode ParseOr()
    {
        var first = ParseAnd();
        var list = new List<QueryNode> { first };
        while (Peek() is { Kind: TokenKind.Or } or)
        {
            _index++;
            if (Peek() is null or { Kind: TokenKind.Close or TokenKind.Or })
                throw new QueryParseException(_text, or.Position, "OR needs a term on both sides, e.g. from:alice OR from:bob");
            list.Add(ParseAnd());
        }

        return list.Count == 1 ? first : new OrNode(list, first.Position);
    }

    private QueryNode ParseAnd()
    {
        var list = new List<QueryNode>();
        while (Peek() is { } t && t.Kind is not (TokenKind.Or or TokenKind.Close))
            list.Add(ParseUnary());
        if (list.Count == 0)
        {
            var at = Peek()?.Position ?? _text.Length;
            if (Peek() is { Kind: TokenKind.Or })
                throw new QueryParseException(_text, at, "OR needs a term on both sides, e.g. from:alice OR from:bob");
            throw new QueryParseException(_text, at, "a term is missing here");
        }

        return list.Count == 1 ? list[0] : new AndNode(list, list[0].Position);
    }

    private QueryNode ParseUnary()
    {
        var t = Peek()!;
        if (t.Kind == TokenKind.Not)
        {
            _index++;
            if (Peek() is null or { Kind: TokenKind.Or or TokenKind.Close })
                throw new QueryParseException(_text, t.Position, "'-' must be followed by a term, e.g. -from:github.com");
            return new NotNode(ParseUnary(), t.Position);
        }

        if (t.Kind == TokenKind.Open)
        {
            _index++;
            if (Peek() is { Kind: TokenKind.Close } empty)
                throw new QueryParseException(_text, empty.Position, "empty parentheses");
            var inner = ParseOr();
            if (Peek() is not { Kind: TokenKind.Close })
                throw new QueryParseException(_text, t.Position, "'(' is never closed: add ')'");
            _index++;
            return inner;
        }

        _index++;
        if (t.Kind == TokenKind.Phrase)
            return new TextNode(t.Text, true, null, false, t.Position);
        if (t.Kind == TokenKind.Field)
            return MakeField(t);
        return new TextNode(t.Text, false, null, false, t.Position);
    }

    private QueryNode MakeField(Token t)
    {
        var field = t.Field!.ToLowerInvariant();
        var value = t.Text;
        if (value.Length == 0)
            throw new QueryParseException(_text, t.ValuePosition, $"{field}: needs a value, e.g. {Example(field)}");
        switch (field)
        {
            case "from":
                return new TextNode(value, t.QuotedValue, "sender", !t.QuotedValue, t.Position);
            case "to" or "cc":
                return new TextNode(value, t.QuotedValue, "recipients", !t.QuotedValue, t.Position);
            case "subject":
                return new TextNode(value, t.QuotedValue, "subject", false, t.Position);
            case "body":
                return new TextNode(value, t.QuotedValue, "body", false, t.Position);
            case "in":
                return new FieldNode("folder", value, t.Position, t.ValuePosition);
            case "list":
                return new TextNode(value, t.QuotedValue, "list", !t.QuotedValue, t.Position);
            case "after" or "before":
                if (!QueryDates.TryParseDate(value, out _))
                    throw new QueryParseException(_text, t.ValuePosition, $"'{value}' is not a date: write {field}:2024-03-01 (or 2024-03)");
                break;
            case "older_than" or "newer_than":
                if (!MailPeriod.TryParse(value, out _))
                    throw new QueryParseException(_text, t.ValuePosition, $"'{value}' is not a period: write {field}:3m (a number and h, d, w, m or y)");
                break;
            case "is":
                if (value.ToLowerInvariant() is not ("unread" or "read" or "seen" or "unseen" or "flagged" or "starred" or "unflagged" or "answered" or "replied" or "unanswered" or "automated" or "human" or "draft"))
                    throw new QueryParseException(_text, t.ValuePosition, $"is:{value} is not known: use is:unread, is:read, is:flagged, is:answered, is:automated or is:human");
                break;
            case "has":
                if (value.ToLowerInvariant() is not ("attachment" or "attachments" or "body"))
                    throw new QueryParseException(_text, t.ValuePosition, $"has:{value} is not known: use has:attachment");
                break;
        }

        return new FieldNode(field, value, t.Position, t.ValuePosition);
    }

    private static string Example(string field) => field switch
    {
        "from" => "from:alice@example.com or from:github.com",
        "to" or "cc" => $"{field}:bob@example.com",
        "subject" => "subject:\"reviewer panel\"",
        "folder" or "in" => $"{field}:INBOX",
        "after" or "before" => $"{field}:2024-03-01",
        "older_than" or "newer_than" => $"{field}:3m",
        "is" => "is:unread",
        "has" => "has:attachment",
        "list" => "list:dev.lists.example.org",
        "category" => "category:newsletter",
        _ => field + ":word",
    };

    private Token? Peek() => _index < _tokens.Count ? _tokens[_index] : null;

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '(')
            {
                tokens.Add(new Token(TokenKind.Open, "(", start));
                i++;
                continue;
            }

            if (c == ')')
            {
                tokens.Add(new Token(TokenKind.Close, ")", start));
                i++;
                continue;
            }

            if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == '('))
            {
                tokens.Add(new Token(TokenKind.Not, "-", start));
                i++;
                continue;
            }

            if (c == '"')
            {
                var (phrase, end) = ReadQuoted(text, i);
                tokens.Add(new Token(TokenKind.Phrase, phrase, start));
                i = end;
                continue;
            }

            // A bare word, or field:value.
            var j = i;
            while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] != ')' && text[j] != '(' && text[j] != ':' && text[j] != '"')
                j++;
            var word = text[i..j];
            if (j < text.Length && text[j] == ':' && word.Length > 0 && word.All(ch => char.IsLetter(ch) || ch == '_'))
            {
                if (!Fields.Contains(word.ToLowerInvariant()))
                    throw new QueryParseException(text, start, $"unknown field '{word}:'; known fields are {string.Join(", ", Fields.Select(f => f + ":"))} — put a word containing ':' in quotes");
                var valueStart = j + 1;
                if (valueStart < text.Length && text[valueStart] == '"')
                {
                    var (value, end) = ReadQuoted(text, valueStart);
                    tokens.Add(new Token(TokenKind.Field, value, start, word, valueStart, true));
                    i = end;
                }
                else
                {
                    var k = valueStart;
                    while (k < text.Length && !char.IsWhiteSpace(text[k]) && text[k] != ')' && text[k] != '(')
                        k++;
                    tokens.Add(new Token(TokenKind.Field, text[valueStart..k], start, word, valueStart, false));
                    i = k;
                }

                continue;
            }

            while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] != ')' && text[j] != '(' && text[j] != '"')
                j++;
            word = text[i..j];
            tokens.Add(word == "OR" || word == "|" ? new Token(TokenKind.Or, word, start) : new Token(TokenKind.Word, word, start));
            i = j;
        }

        return tokens;

        static (string, int) ReadQuoted(string text, int quote)
        {
            var close = text.IndexOf('"', quote + 1);
            if (close < 0)
                throw new QueryParseException(text, quote, "the quote is never closed: add a closing '\"'");
            var inner = text[(quote + 1)..close];
            if (string.IsNullOrWhiteSpace(inner))
                throw new QueryParseException(text, quote, "empty quotes: put words between them or remove them");
            return (inner, close + 1);
        }
    }

    private enum TokenKind
    {
        Word,
        Phrase,
        Field,
        Or,
        Not,
        Open,
        Close,
    }

    private sealed record Token(TokenKind Kind, string Text, int Position, string? Field = null, int ValuePosition = 0, bool QuotedValue = false);
}
