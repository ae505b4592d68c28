using ImapMcp.Mail.Query;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>The column list and reader for <see cref="MessageItem"/> rows (messages m JOIN folders f).</summary>
internal static class SummaryReader
{
    // coalesce(x_sealed, x): the sealed value beside a token in an encrypted cache, the value itself otherwise.
    public const string Columns =
        "f.name, m.uid, m.date, m.from_name, coalesce(m.from_addr_sealed, m.from_addr), m.to_list, m.subject, m.flags, m.size, m.has_attachments, m.automated, m.category, " +
        "coalesce(m.message_id_sealed, m.message_id), m.id, f.role, m.folder_id";

    public const int IdOrdinal = 13;

    public const int RoleOrdinal = 14;

    public const int FolderIdOrdinal = 15;

    /// <summary>The number of columns in <see cref="Columns"/>: further columns a query adds start here.</summary>
    public const int Count = 16;

    public static MessageItem Read(SqliteDataReader r, CacheCodec codec)
    {
        var flags = r.GetInt32(7);
        var folderId = r.GetInt64(FolderIdOrdinal);
        var uid = (uint)r.GetInt64(1);
        return new MessageItem(
            new MessageKey(r.GetString(0), uid),
            Sql.FromUnixMs(r.GetInt64(2)),
            codec.Open(r, 3, CacheColumn.FromName, folderId, uid),
            codec.OpenText(r, 4, CacheColumn.FromAddress, folderId, uid),
            codec.OpenText(r, 5, CacheColumn.ToList, folderId, uid),
            codec.OpenText(r, 6, CacheColumn.Subject, folderId, uid),
            (flags & 1) != 0,
            (flags & 4) != 0,
            (flags & 2) != 0,
            r.GetInt64(8),
            r.GetInt64(9) != 0,
            r.GetInt64(10) != 0,
            r.GetString(11),
            codec.Open(r, 12, CacheColumn.MessageId, folderId, uid));
    }

    public static async Task<List<MessageItem>> ReadAllAsync(SqliteCommand command, CacheCodec codec, CancellationToken cancellationToken)
    {
        var list = new List<MessageItem>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(Read(reader, codec));
        return list;
    }
}
