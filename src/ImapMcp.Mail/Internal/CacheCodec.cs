using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>
/// The one place where mail values pass on their way into the cache and out of it. <see cref="Plain"/> stores them as
/// they are; an encrypting codec (<c>"encrypt": true</c>) seals content with AES-256-GCM bound to its row and column,
/// replaces values compared in SQL with keyed tokens, and feeds the full-text index tokens instead of words.
/// SQL is the same in both modes: equality columns hold "the comparable form" (the value, or its token).
/// </summary>
internal abstract class CacheCodec
{
    /// <summary>No encryption: every method hands the value through.</summary>
    public static CacheCodec Plain { get; } = new PlainCacheCodec();

    public abstract bool IsEncrypted { get; }

    /// <summary>A content value as stored: the text, or a BLOB bound to its row and column. Null stays null and "" stays "".</summary>
    public abstract object Seal(string? value, CacheColumn column, long folderId, uint uid);

    /// <summary>
    /// The value for a <c>*_sealed</c> column beside a token column (from_addr, message_id, rule): null in plaintext
    /// mode, where the token column holds the value itself. Readers select <c>coalesce(x_sealed, x)</c>.
    /// </summary>
    public abstract object SealBeside(string? value, CacheColumn column, long folderId, uint uid);

    /// <summary>A value as compared in SQL (joins, IN, GROUP BY): itself, or its keyed token. Null stays null and "" stays "".</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public abstract string? Token(string? value, TokenDomain domain);

    /// <summary>
    /// A lookup key (a domain or a list identifier with its labels reversed, <c>example.cloud.sns</c>) as the range indexes
    /// compare it: itself, or the tokens of its leading labels joined by dots (<c>T(example).T(example.cloud).T(example.cloud.sns)</c>),
    /// so that in both modes the key of a domain is a prefix, up to a dot, of the keys of its subdomains.
    /// </summary>
    [return: NotNullIfNotNull(nameof(key))]
    public abstract string? KeyToken(string? key);

    /// <summary>A space-padded list (" a b ") with each item replaced by its token, so <c>LIKE '% ' || x || ' %'</c> still works.</summary>
    public string TokenList(string list, TokenDomain domain)
    {
        if (!IsEncrypted || string.IsNullOrWhiteSpace(list))
            return list;
        var sb = new StringBuilder(" ");
        foreach (var item in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            sb.Append(Token(item, domain)).Append(' ');
        return sb.ToString();
    }

    /// <summary>Text for the full-text index: itself, or the tokens of its words in order.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public abstract string? Index(string? text);

    /// <summary>The FTS5 expression for a query's word or quoted phrase (a trailing <c>*</c> when <paramref name="prefix"/> can be answered).</summary>
    public abstract string Match(string text, bool prefix);

    /// <summary>Reads a content column (or <c>coalesce(x_sealed, x)</c>) of the row (<paramref name="folderId"/>, <paramref name="uid"/>).</summary>
    public abstract string? Open(SqliteDataReader reader, int ordinal, CacheColumn column, long folderId, uint uid);

    /// <summary>Reads a content column of a raw statement's current row, as the reader overload does.</summary>
    public abstract string? Open(RawStatement row, int ordinal, CacheColumn column, long folderId, uint uid);

    /// <summary>Like <see cref="Open(SqliteDataReader, int, CacheColumn, long, uint)"/>, for NOT NULL columns.</summary>
    public string OpenText(SqliteDataReader reader, int ordinal, CacheColumn column, long folderId, uint uid) =>
        Open(reader, ordinal, column, folderId, uid) ?? "";

    /// <summary>Like <see cref="Open(RawStatement, int, CacheColumn, long, uint)"/>, for NOT NULL columns.</summary>
    public string OpenText(RawStatement row, int ordinal, CacheColumn column, long folderId, uint uid) =>
        Open(row, ordinal, column, folderId, uid) ?? "";

    /// <summary>A phrase for FTS5: double quotes around, inner quotes doubled.</summary>
    protected static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
