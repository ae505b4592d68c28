using ImapMcp.Mail.Query;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>The column list and reader for <see cref="MessageItem"/> rows (messages m JOIN folders f).</summary>
internal static class SummaryReader
{
    public const string Columns =
        "f.name, m.uid, m.date, m.from_name, m.from_addr, m.to_list, m.subject, m.flags, m.size, m.has_attachments, m.automated, m.category, m.message_id, m.id, f.role";

    public const int IdOrdinal = 13;

    public const int RoleOrdinal = 14;

    public static MessageItem Read(SqliteDataReader r)
    {
        var flags = r.GetInt32(7);
        return new MessageItem(
            new MessageKey(r.GetString(0), (uint)r.GetInt64(1)),
            Sql.FromUnixMs(r.GetInt64(2)),
            Sql.ReadString(r, 3),
            r.GetString(4),
            r.GetString(5),
            r.GetString(6),
            (flags & 1) != 0,
            (flags & 4) != 0,
            (flags & 2) != 0,
            r.GetInt64(8),
            r.GetInt64(9) != 0,
            r.GetInt64(10) != 0,
            r.GetString(11),
            Sql.ReadString(r, 12));
    }

    public static async Task<List<MessageItem>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<MessageItem>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(Read(reader));
        return list;
    }
}
