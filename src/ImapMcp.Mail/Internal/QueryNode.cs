namespace ImapMcp.Mail.Internal;

/// <summary>The parsed search query.</summary>
internal abstract record QueryNode(int Position);

internal sealed record AndNode(IReadOnlyList<QueryNode> Children, int Position) : QueryNode(Position);

internal sealed record OrNode(IReadOnlyList<QueryNode> Children, int Position) : QueryNode(Position);

internal sealed record NotNode(QueryNode Child, int Position) : QueryNode(Position);

/// <summary>Full-text words or a quoted phrase, optionally limited to one FTS column.</summary>
internal sealed record TextNode(string Text, bool Phrase, string? Column, bool Prefix, int Position) : QueryNode(Position);

/// <summary>A field test that is not full text (folder, dates, flags, lists...).</summary>
internal sealed record FieldNode(string Field, string Value, int Position, int ValuePosition) : QueryNode(Position);

internal sealed record AllNode(int Position) : QueryNode(Position);
