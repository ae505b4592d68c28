using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Query;

/// <summary>
/// Ranks the groups of a statistic (most messages first, ties by the value shown in SQLite's BINARY order, then by a
/// second key) and names each. A plaintext cache's groups arrive ranked, limited and named by SQL. An encrypted cache's
/// arrive under tokens, ordered by count alone: only the groups that can make the answer (those the limit admits by count
/// and every group tied with the last of them) have one value opened, from one of their rows (by id), before the ties are settled.
/// </summary>
internal sealed class GroupRanking(CacheCodec codec, SqliteConnection connection, SqliteTransaction transaction)
{
    /// <summary>The sender address of a row.</summary>
    public static (string Sql, CacheColumn Column) Address { get; } = ("coalesce(from_addr_sealed, from_addr)", CacheColumn.FromAddress);

    /// <summary>The classification rule of a row.</summary>
    public static (string Sql, CacheColumn Column) Rule { get; } = ("coalesce(rule_sealed, rule)", CacheColumn.Rule);

    /// <summary>
    /// Whether a group, among groups arriving most messages first, comes after all that can make the first
    /// <paramref name="limit"/> (all when negative): it has fewer messages than the limit's last.
    /// </summary>
    public static Func<IReadOnlyList<T>, T, bool> Past<T>(int limit, Func<T, int> count) =>
        (rows, next) => limit >= 0 && rows.Count >= limit && (limit == 0 || count(next) < count(rows[limit - 1]));

    /// <summary>A command in the statistic's read transaction.</summary>
    public SqliteCommand CreateCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// The first <paramref name="limit"/> groups (all when negative) with their names: <paramref name="key"/> itself in a
    /// plaintext cache, else <paramref name="value"/> of the row <paramref name="id"/>, opened and passed through <paramref name="shown"/>.
    /// </summary>
    public async Task<IReadOnlyList<(T Row, string Name)>> RankAsync<T>(
        IReadOnlyList<T> rows, int limit, Func<T, int> count, Func<T, int> then, Func<T, string> key, Func<T, long> id,
        (string Sql, CacheColumn Column) value, Func<string, string>? shown, CancellationToken cancellationToken)
    {
        if (!codec.IsEncrypted)
            return rows.Select(r => (r, key(r))).ToList();
        if (limit == 0 || rows.Count == 0)
            return [];

        var candidates = rows.OrderByDescending(count).ToList();
        if (limit > 0 && limit < candidates.Count)
        {
            // Which of the groups tied with the last admitted one make the answer depends on their values: all are opened.
            var last = count(candidates[limit - 1]);
            candidates = candidates.TakeWhile(r => count(r) >= last).ToList();
        }

        var named = new List<(T Row, string Name)>(candidates.Count);
        using var open = CreateCommand($"SELECT folder_id, uid, {value.Sql} FROM messages WHERE id = $id;");
        var p = open.Parameters.Add("$id", SqliteType.Integer);
        foreach (var row in candidates)
        {
            p.Value = id(row);
            using var r = await open.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                throw new InvalidOperationException($"Message row {id(row)} of a statistic's group is missing inside its read transaction.");
            var opened = codec.OpenText(r, 2, value.Column, r.GetInt64(0), (uint)r.GetInt64(1));
            named.Add((row, shown is null ? opened : shown(opened)));
        }

        IEnumerable<(T Row, string Name)> ranked = named.OrderByDescending(x => count(x.Row)).ThenBy(x => x.Name, Utf8Order.Instance).ThenBy(x => then(x.Row));
        return (limit < 0 ? ranked : ranked.Take(limit)).ToList();
    }
}
