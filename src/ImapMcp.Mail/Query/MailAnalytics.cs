using System.Globalization;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Query;

/// <summary>
/// Sender analytics over received mail in the cache: everything outside Sent and Drafts that the owner did not write.
/// A message filed in several folders counts once (by Message-ID). Rankings put most messages first and break ties by
/// the value shown in SQLite's BINARY order (UTF-8 bytes), in plaintext and encrypted caches alike.
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

    /// <summary>Senders by volume since <paramref name="since"/>, most first (ties by address).</summary>
    public Task<IReadOnlyList<SenderVolume>> GetTopSendersAsync(DateTimeOffset since, int limit = 20, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            SELECT from_addr, count(*) AS n, sum((flags & 1) = 0), max(date), min(id) FROM received
            GROUP BY from_addr {Ranked("n DESC, from_addr LIMIT $limit")};
            """,
            since,
            c => c.Add("$limit", limit),
            ReadSender,
            GroupRanking.Past<(string Key, int Messages, int Unread, long Latest, long Id)>(limit, x => x.Messages),
            (ranks, rows) => SendersAsync(ranks, rows, limit, cancellationToken),
            cancellationToken);

    /// <summary>Sender domains by volume since <paramref name="since"/>, most first (ties by domain).</summary>
    public Task<IReadOnlyList<DomainVolume>> GetTopDomainsAsync(DateTimeOffset since, int limit = 20, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            SELECT from_domain, count(*) AS n, count(DISTINCT from_addr), sum((flags & 1) = 0), sum(automated), min(id) FROM received
            GROUP BY from_domain {Ranked("n DESC, from_domain LIMIT $limit")};
            """,
            since,
            c => c.Add("$limit", limit),
            r => (Key: r.GetString(0), Messages: r.GetInt32(1), Senders: r.GetInt32(2), Unread: r.GetInt32(3), Automated: r.GetInt32(4), Id: r.GetInt64(5)),
            GroupRanking.Past<(string Key, int Messages, int Senders, int Unread, int Automated, long Id)>(limit, x => x.Messages),
            async (ranks, rows) =>
            {
                // In an encrypted cache from_domain is a token: the domain shown is that of the address of the group's first row.
                var named = await ranks.RankAsync(rows, limit, x => x.Messages, x => 0, x => x.Key, x => x.Id, GroupRanking.Address, MailAddressParts.DomainOf, cancellationToken).ConfigureAwait(false);
                return (IReadOnlyList<DomainVolume>)named.Select(x => new DomainVolume(x.Name, x.Row.Messages, x.Row.Senders, x.Row.Unread, x.Row.Automated)).ToList();
            },
            cancellationToken);

    /// <summary>Automated versus human since <paramref name="since"/>, broken down by the rule that decided (most messages first, ties by rule).</summary>
    public Task<AutomationShare> GetAutomationShareAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT rule, automated, count(*) AS n, count(DISTINCT from_addr), min(id) FROM received GROUP BY rule, automated {Ranked("n DESC, rule, automated")};",
            since,
            null,
            r => (Key: r.GetString(0), Automated: r.GetInt64(1) != 0, Messages: r.GetInt32(2), Senders: r.GetInt32(3), Id: r.GetInt64(4)),
            null,
            async (ranks, rows) =>
            {
                var named = await ranks.RankAsync(rows, -1, x => x.Messages, x => x.Automated ? 1 : 0, x => x.Key, x => x.Id, GroupRanking.Rule, null, cancellationToken).ConfigureAwait(false);
                var rules = named.Select(x => new RuleShare(x.Name, x.Row.Automated, x.Row.Messages, x.Row.Senders)).ToList();
                var automated = rules.Where(x => x.Automated).Sum(x => x.Messages);
                var human = rules.Where(x => !x.Automated).Sum(x => x.Messages);
                return new AutomationShare(automated + human, automated, human, rules);
            },
            cancellationToken);

    /// <summary>Senders with at least <paramref name="minMessages"/> messages since <paramref name="since"/>, none of them ever opened (most first, ties by address).</summary>
    public Task<IReadOnlyList<SenderVolume>> GetNeverOpenedSendersAsync(DateTimeOffset since, int minMessages = 3, int limit = 50, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"""
            SELECT from_addr, count(*) AS n, sum((flags & 1) = 0), max(date), min(id) FROM received
            GROUP BY from_addr HAVING sum((flags & 1) <> 0) = 0 AND count(*) >= $min
            {Ranked("n DESC, from_addr LIMIT $limit")};
            """,
            since,
            c =>
            {
                c.Add("$min", minMessages);
                c.Add("$limit", limit);
            },
            ReadSender,
            GroupRanking.Past<(string Key, int Messages, int Unread, long Latest, long Id)>(limit, x => x.Messages),
            (ranks, rows) => SendersAsync(ranks, rows, limit, cancellationToken),
            cancellationToken);

    /// <summary>Messages per category since <paramref name="since"/>, largest first, with shares.</summary>
    public Task<IReadOnlyList<CategoryVolume>> GetVolumeByCategoryAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "SELECT category, count(*) AS n FROM received GROUP BY category ORDER BY n DESC, category;",
            since,
            null,
            r => (Category: r.GetString(0), Messages: r.GetInt32(1)),
            null,
            (_, rows) =>
            {
                var total = rows.Sum(x => x.Messages);
                return Task.FromResult<IReadOnlyList<CategoryVolume>>(
                    rows.Select(x => new CategoryVolume(x.Category, x.Messages, total == 0 ? 0 : (double)x.Messages / total)).ToList());
            },
            cancellationToken);

    /// <summary>Messages per month (UTC) and category since <paramref name="since"/>, oldest month first.</summary>
    public Task<IReadOnlyList<MonthVolume>> GetVolumeByMonthAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "SELECT strftime('%Y-%m', date / 1000, 'unixepoch') AS month, category, count(*) AS n FROM received GROUP BY month, category ORDER BY month, n DESC, category;",
            since,
            null,
            r => new MonthVolume(r.GetString(0), r.GetString(1), r.GetInt32(2)),
            null,
            (_, rows) => Task.FromResult(rows),
            cancellationToken);

    private static (string Key, int Messages, int Unread, long Latest, long Id) ReadSender(SqliteDataReader r) =>
        (r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4));

    // A plaintext cache groups, orders and limits in SQL, reading only ix_messages_received. An encrypted one groups on
    // the tokens the same way but cannot break ties by them (tokens do not sort like the values behind them): SQL orders
    // by count alone, the reading stops after the last group tied with the limit's last, and GroupRanking settles the
    // ties, opening one value per group that can make the answer.
    private string Ranked(string order) => "ORDER BY " + (_cache.Codec.IsEncrypted ? "n DESC" : order);

    /// <summary>Ranks sender groups and describes each from its latest message (name, automated, rule, category).</summary>
    private async Task<IReadOnlyList<SenderVolume>> SendersAsync(
        GroupRanking ranks, IReadOnlyList<(string Key, int Messages, int Unread, long Latest, long Id)> rows, int limit, CancellationToken cancellationToken)
    {
        var named = await ranks.RankAsync(rows, limit, x => x.Messages, x => 0, x => x.Key, x => x.Id, GroupRanking.Address, null, cancellationToken).ConfigureAwait(false);
        var result = new List<SenderVolume>(named.Count);
        if (named.Count == 0)
            return result;
        using var latest = ranks.CreateCommand(
            "SELECT from_name, folder_id, uid, automated, coalesce(rule_sealed, rule), category FROM messages WHERE from_addr = $a AND date = $d LIMIT 1;");
        var a = latest.Parameters.Add("$a", SqliteType.Text);
        var d = latest.Parameters.Add("$d", SqliteType.Integer);
        foreach (var (row, address) in named)
        {
            a.Value = row.Key;
            d.Value = row.Latest;
            using var r = await latest.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await r.ReadAsync(cancellationToken).ConfigureAwait(false);
            var (folderId, uid) = (r.GetInt64(1), (uint)r.GetInt64(2));
            result.Add(new SenderVolume(address, _cache.Codec.Open(r, 0, CacheColumn.FromName, folderId, uid), MailAddressParts.DomainOf(address), row.Messages, row.Unread,
                r.GetInt64(3) != 0, _cache.Codec.OpenText(r, 4, CacheColumn.Rule, folderId, uid), r.GetString(5)));
        }

        return result;
    }

    private static async Task<bool> HasIndexAsync(SqliteConnection connection, SqliteTransaction transaction, string name, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = $name);";
        command.Add("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1L;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with a <c>received</c> CTE (received messages since a date, one row per Message-ID), then
    /// <paramref name="answer"/> on its rows (those before the first that is <paramref name="past"/> what can be answered),
    /// in one read transaction: the rows a statistic opens afterwards are still there.
    /// </summary>
    private async Task<TResult> QueryAsync<T, TResult>(
        string sql, DateTimeOffset since, Action<SqliteCommand>? bind, Func<SqliteDataReader, T> read, Func<IReadOnlyList<T>, T, bool>? past,
        Func<GroupRanking, IReadOnlyList<T>, Task<TResult>> answer, CancellationToken cancellationToken)
    {
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var own = new List<string>();
            for (var i = 0; i < _ownAddresses.Count; i++)
            {
                var p = "$o" + i.ToString(CultureInfo.InvariantCulture);
                command.Add(p, _cache.Codec.Token(_ownAddresses[i], TokenDomain.Address));
                own.Add(p);
            }

            var notOwn = own.Count == 0 ? "" : $"AND m.from_addr NOT IN ({string.Join(",", own)})";
            // One row per Message-ID (the first stored copy, marked when it was written), so mail filed in two folders counts
            // once. ix_messages_received holds exactly those rows in date order with every column the statistics read (and
            // the rowid, min(id)): the window is one range of it and the table is never touched. Without INDEXED BY the
            // planner may walk every row in sender order to save the GROUP BY's sort. A first sync builds that index at its
            // end: until then (and in a cache no writer has opened since it was added) the date index serves, reading the table.
            var index = await HasIndexAsync(connection, transaction, ReceivedIndex, cancellationToken).ConfigureAwait(false) ? ReceivedIndex : "ix_messages_date";
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
                List<T> rows;
                try
                {
                    using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    rows = [];
                    while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var row = read(r);
                        if (past is not null && past(rows, row))
                            break;
                        rows.Add(row);
                    }
                }
                catch (SqliteException e) when (index == ReceivedIndex && e.Message.Contains("no such index", StringComparison.Ordinal))
                {
                    // A first sync dropped it between the check and the query (it builds it again at its end): the date index serves.
                    index = "ix_messages_date";
                    continue;
                }

                return await answer(new GroupRanking(_cache.Codec, connection, transaction), rows).ConfigureAwait(false);
            }
        }
    }
}
