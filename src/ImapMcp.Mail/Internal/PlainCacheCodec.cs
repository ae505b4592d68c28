using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>The codec of an unencrypted cache: values go in and come out as they are.</summary>
internal sealed class PlainCacheCodec : CacheCodec
{
    public override bool IsEncrypted => false;

    public override object Seal(string? value, CacheColumn column, long folderId, uint uid) => (object?)value ?? DBNull.Value;

    public override object SealBeside(string? value, CacheColumn column, long folderId, uint uid) => DBNull.Value;

    [return: NotNullIfNotNull(nameof(value))]
    public override string? Token(string? value, TokenDomain domain) => value;

    [return: NotNullIfNotNull(nameof(key))]
    public override string? KeyToken(string? key) => key;

    [return: NotNullIfNotNull(nameof(text))]
    public override string? Index(string? text) => text;

    public override string Match(string text, bool prefix) => prefix ? Quote(text) + "*" : Quote(text);

    public override string? Open(SqliteDataReader reader, int ordinal, CacheColumn column, long folderId, uint uid) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public override string? Open(RawStatement row, int ordinal, CacheColumn column, long folderId, uint uid) =>
        row.IsNull(ordinal) ? null : row.GetString(ordinal);
}
