using System.Globalization;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Query;

/// <summary>
/// Sender analytics over received mail in the cache: everything outside Sent and Drafts that the owner did not write.
/// A message filed in several folders counts once (by Message-ID).
/// </summary>
public sealed class MailAnalytics
{
    private const string ReceivedIndex = "ix_messages_received";

    private readonly MailCache _cache;
    private readonly IReadOnlyList<string> _ownAddresses;

    /// <summary>Creates the analytics over a cache; <paramref name="ownAddresses"/> are excluded as senders.</summary>
    public MailAnalytics(MailCache cache, IEnumerable<string> ownAddresses)
    {
        _cache = cache;
        _ownAddresses = ownAddresses.Select(a => a.Trim().ToLowerInvariant()).Distinct().ToList();
    }

    /// <summary>Senders by volume since <paramref name="since"/>, most first.</summary>
    public async Task<IReadOnlyList<SenderVolume>> GetTopSendersAsync(DateTimeOffset since, int limit = 20, CancellationToken cancellationToken = default)
    {
        // The bare columns after max(date) come from each sender's latest message (SQLite's rule for a single max()).
        var rows = await QueryAsync(
            $"""
            SELECT from_addr, count(*) AS n, sum((flags & 1) = 0), max(date), folder_id, uid, {SenderColumn} FROM received
            GROUP BY from_addr ORDER BY n DESC, from_addr LIMIT $limit;
            """,
            since,
            c => c.Add("$limit", SqlLimit(limit)),
            ReadSender,
            cancellationToken).ConfigureAwait(false);
        return await DescribeSendersAsync(Top(rows, limit, x => x.Messages, x => x.Address), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sender domains by volume since <paramref name="since"/>, most first.</summary>
    public async Task<IReadOnlyList<DomainVolume>> GetTopDomainsAsync(DateTimeOffset since, int limit = 20, CancellationToken cancellationToken = default)
    {
        // The domain is shown from one sender address of the group (the bare columns): in an encrypted cache from_domain is a token.
        var rows = await QueryAsync(
            $"""
            SELECT from_domain, count(*) AS n, count(DISTINCT from_addr), sum((flags & 1) = 0), sum(automated), folder_id, uid, {SenderColumn} FROM received
            GROUP BY from_domain ORDER BY n DESC, from_domain LIMIT $limit;
            """,
            since,
            c => c.Add("$limit", SqlLimit(limit)),
            r => new DomainVolume(MailAddressParts.DomainOf(Open(r, 7, CacheColumn.FromAddress, 5)), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)),
            cancellationToken).ConfigureAwait(false);
        return Top(rows, limit, x => x.Messages, x => x.Domain);
    }

    /// <summary>Automated versus human since <paramref name="since"/>, broken down by the rule that decided.</summary>
    public async Task<AutomationShare> GetAutomationShareAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var rules = await QueryAsync(
            $"SELECT rule, automated, count(*) AS n, count(DISTINCT from_addr), folder_id, uid, {RuleColumn} FROM received GROUP BY rule, automated ORDER BY n DESC, rule;",
            since,
            null,
            r => new RuleShare(Open(r, 6, CacheColumn.Rule, 4), r.GetInt64(1) != 0, r.GetInt32(2), r.GetInt32(3)),
            cancellationToken).ConfigureAwait(false);
        rules = Top(rules, rules.Count, x => x.Messages, x => x.Rule);
        var automated = rules.Where(x => x.Automated).Sum(x => x.Messages);
        var human = rules.Where(x => !x.Automated).Sum(x => x.Messages);
        return new AutomationShare(automated + human, automated, human, rules);
    }

    /// <summary>Senders with at least <paramref name="minMessages"/> messages since <paramref name="since"/>, none of them ever opened.</summary>
    public async Task<IReadOnlyList<SenderVolume>> GetNeverOpenedSendersAsync(DateTimeOffset since, int minMessages = 3, int limit = 50, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            $"""
            SELECT from_addr, count(*) AS n, sum((flags & 1) = 0), max(date), folder_id, uid, {SenderColumn} FROM received
            GROUP BY from_addr HAVING sum((flags & 1) <> 0) = 0 AND count(*) >= $min
            ORDER BY n DESC, from_addr LIMIT $limit;
            """,
            since,
            c =>
            {
                c.Add("$min", minMessages);
                c.Add("$limit", SqlLimit(limit));
            },
            ReadSender,
            cancellationToken).ConfigureAwait(false);
        return await DescribeSendersAsync(Top(rows, limit, x => x.Messages, x => x.Address), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Messages per category since <paramref name="since"/>, largest first, with shares.</summary>
    public async Task<IReadOnlyList<CategoryVolume>> GetVolumeByCategoryAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            "SELECT category, count(*) AS n FROM received GROUP BY category ORDER BY n DESC, category;",
            since,
            null,
            r => (Category: r.GetString(0), Messages: r.GetInt32(1)),
            cancellationToken).ConfigureAwait(false);
        var total = rows.Sum(x => x.Messages);
        return rows.Select(x => new CategoryVolume(x.Category, x.Messages, total == 0 ? 0 : (double)x.Messages / total)).ToList();
    }

    /// <summary>Messages per month (UTC) and category since <paramref name="since"/>, oldest month first.</summary>
    public Task<IReadOnlyList<MonthVolume>> GetVolumeByMonthAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "SELECT strftime('%Y-%m', date / 1000, 'unixepoch') AS month, category, count(*) AS n FROM received GROUP BY month, category ORDER BY month, n DESC, category;",
            since,
            null,
            r => new MonthVolume(r.GetString(0), r.GetString(1), r.GetInt32(2)),
            cancellationToken);

    private (string Key, string Address, int Messages, int Unread, long Latest) ReadSender(SqliteDataReader r) =>
        (r.GetString(0), Open(r, 6, CacheColumn.FromAddress, 4), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3));

    /// <summary>A value of the row whose folder id and UID are at <paramref name="folderOrdinal"/> and the next column.</summary>
    private string Open(SqliteDataReader r, int ordinal, CacheColumn column, int folderOrdinal) =>
        _cache.Codec.OpenText(r, ordinal, column, r.GetInt64(folderOrdinal), (uint)r.GetInt64(folderOrdinal + 1));

    // The value shown for a group, from its bare row: in an encrypted cache the sealed column (read from the table), in
    // a plaintext one the column itself, so the query reads only ix_messages_received and never the table.
    private string SenderColumn => _cache.Codec.IsEncrypted ? "coalesce(from_addr_sealed, from_addr)" : "from_addr";

    private string RuleColumn => _cache.Codec.IsEncrypted ? "coalesce(rule_sealed, rule)" : "rule";

    // Tokens do not sort like the values behind them: an encrypted cache returns every group and ties are settled here,
    // after decrypting, so both kinds of cache give the same answer.
    private int SqlLimit(int limit) => _cache.Codec.IsEncrypted ? -1 : limit;

    private IReadOnlyList<T> Top<T>(IReadOnlyList<T> rows, int limit, Func<T, int> count, Func<T, string> name) =>
        _cache.Codec.IsEncrypted ? rows.OrderByDescending(count).ThenBy(name, StringComparer.Ordinal).Take(limit).ToList() : rows;

    private async Task<IReadOnlyList<SenderVolume>> DescribeSendersAsync(
        IReadOnlyList<(string Key, string Address, int Messages, int Unread, long Latest)> rows, CancellationToken cancellationToken)
    {
        var result = new List<SenderVolume>(rows.Count);
        if (rows.Count == 0)
            return result;
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var latest = connection.CreateCommand();
            latest.CommandText = "SELECT from_name, folder_id, uid, automated, coalesce(rule_sealed, rule), category FROM messages WHERE from_addr = $a AND date = $d LIMIT 1;";
            var a = latest.Parameters.Add("$a", SqliteType.Text);
            var d = latest.Parameters.Add("$d", SqliteType.Integer);
            foreach (var row in rows)
            {
                a.Value = row.Key;
                d.Value = row.Latest;
                using var r = await latest.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await r.ReadAsync(cancellationToken).ConfigureAwait(false);
                var (folderId, uid) = (r.GetInt64(1), (uint)r.GetInt64(2));
                result.Add(new SenderVolume(row.Address, _cache.Codec.Open(r, 0, CacheColumn.FromName, folderId, uid), MailAddressParts.DomainOf(row.Address), row.Messages, row.Unread,
                    r.GetInt64(3) != 0, _cache.Codec.OpenText(r, 4, CacheColumn.Rule, folderId, uid), r.GetString(5)));
            }
        }

        return result;
    }

    private static async Task<bool> HasIndexAsync(SqliteConnection connection, string name, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = $name);";
        command.Add("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1L;
    }

    /// <summary>Runs <paramref name="sql"/> with a <c>received</c> CTE: received messages since a date, one row per Message-ID.</summary>
    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, DateTimeOffset since, Action<SqliteCommand>? bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            var own = new List<string>();
            for (var i = 0; i < _ownAddresses.Count; i++)
            {
                var p = "$o" + i.ToString(CultureInfo.InvariantCulture);
                command.Add(p, _cache.Codec.Token(_ownAddresses[i], TokenDomain.Address));
                own.Add(p);
            }

            var notOwn = own.Count == 0 ? "" : $"AND m.from_addr NOT IN ({string.Join(",", own)})";
            // One row per Message-ID (the first stored copy, marked when it was written), so mail filed in two folders counts
            // once. ix_messages_received holds exactly those rows in date order with every column the statistics read: the
            // window is one range of it and the table is never touched (in plaintext). Without INDEXED BY the planner may walk
            // every row in sender order to save the GROUP BY's sort. A first sync builds that index at its end: until then
            // (and in a cache no writer has opened since it was added) the date index serves, reading the table.
            var index = await HasIndexAsync(connection, ReceivedIndex, cancellationToken).ConfigureAwait(false) ? ReceivedIndex : "ix_messages_date";
            command.Add("$since", Sql.ToUnixMs(since));
            bind?.Invoke(command);
            while (true)
            {
                command.CommandText = $"""
                    WITH received AS (
                        SELECT m.* FROM messages m INDEXED BY {index}
                        WHERE m.date >= $since AND m.is_copy = 0 AND m.folder_id NOT IN (SELECT id FROM folders WHERE role IN ('Sent', 'Drafts')) {notOwn})
                    {sql}
                    """;
                try
                {
                    using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    var list = new List<T>();
                    while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                        list.Add(read(r));
                    return list;
                }
                catch (SqliteException e) when (index == ReceivedIndex && e.Message.Contains("no such index", StringComparison.Ordinal))
                {
                    // A first sync dropped it between the check and the query (it builds it again at its end): the date index serves.
                    index = "ix_messages_date";
                }
            }
        }
    }
}
