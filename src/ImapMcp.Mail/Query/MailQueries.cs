using System.Globalization;
using System.Text;
using System.Text.Json;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Query;

/// <summary>Reads from the cache only: search, one message, a thread, unreplied mail, folders. Never touches the server.</summary>
public sealed class MailQueries
{
    private readonly MailCache _cache;
    private readonly IReadOnlyList<string> _ownAddresses;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the query layer over a cache; <paramref name="ownAddresses"/> are the owner's addresses ("sent by me").</summary>
    public MailQueries(MailCache cache, IEnumerable<string> ownAddresses, TimeProvider? timeProvider = null)
    {
        _cache = cache;
        _ownAddresses = ownAddresses.Select(a => a.Trim().ToLowerInvariant()).Distinct().ToList();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Checks a query without running it; throws <see cref="QueryParseException"/> saying where and what is wrong.</summary>
    public static void Validate(string query) => QueryParser.Parse(query);

    /// <summary>Runs a search query; returns one page and the exact total. Throws <see cref="QueryParseException"/> for a malformed query.</summary>
    public async Task<SearchResult> SearchAsync(string query, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new QueryOptions();
        if (options.Limit is < 1 or > QueryOptions.MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(options), options.Limit, $"limit must be between 1 and {QueryOptions.MaxLimit}");
        if (options.Offset < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.Offset, "offset must be 0 or more");

        var codec = _cache.Codec;
        var compiled = QueryCompiler.Compile(QueryParser.Parse(query), _timeProvider.GetUtcNow(), codec);
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            int total;
            using (var count = connection.CreateCommand())
            {
                // Every message has exactly one FTS row (written and deleted with it), so a full-text-only query counts on the
                // index alone instead of looking up each matching row.
                if (compiled.FullTextOnly is { } match)
                {
                    count.CommandText = "SELECT count(*) FROM fts WHERE fts MATCH $fts;";
                    count.Add("$fts", match);
                }
                else
                {
                    var scan = compiled.DatedFullText is { } dated && await ManyMatchesAsync(connection, dated, cancellationToken).ConfigureAwait(false)
                        ? " INDEXED BY ix_messages_date" : "";
                    count.CommandText = $"SELECT count(*) FROM messages m{scan} WHERE {compiled.Where};";
                    AddParameters(count, compiled);
                }

                total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            if (total <= options.Offset)
                return new SearchResult(total, options.Offset, []);

            using var page = connection.CreateCommand();
            AddParameters(page, compiled);
            if (options.Sort == SearchSort.Relevance && compiled.RelevanceMatch is not null)
            {
                page.CommandText = $"""
                    SELECT {SummaryReader.Columns} FROM messages m JOIN folders f ON f.id = m.folder_id
                    JOIN (SELECT rowid AS rid, bm25(fts) AS score FROM fts WHERE fts MATCH $rel) r ON r.rid = m.id
                    WHERE {compiled.Where} ORDER BY r.score, m.date DESC, m.id DESC LIMIT $limit OFFSET $offset;
                    """;
                page.Add("$rel", compiled.RelevanceMatch);
            }
            else
            {
                var order = options.Sort == SearchSort.Oldest ? "m.date ASC, m.id ASC" : "m.date DESC, m.id DESC";
                // Rows found in no date order (full text, index ranges): with many matches, walk the date index and stop after
                // one page instead of fetching and sorting every match; with few, fetch them and sort (the count tells which:
                // a walk visits about (offset + limit) × messages / matches rows, a sort touches every match).
                var scan = compiled.Unordered && total > 2_000 ? " INDEXED BY ix_messages_date" : "";
                page.CommandText = $"""
                    SELECT {SummaryReader.Columns} FROM messages m{scan} JOIN folders f ON f.id = m.folder_id
                    WHERE {compiled.Where} ORDER BY {order} LIMIT $limit OFFSET $offset;
                    """;
            }

            page.Add("$limit", options.Limit);
            page.Add("$offset", options.Offset);
            var messages = await SummaryReader.ReadAllAsync(page, codec, cancellationToken).ConfigureAwait(false);
            return new SearchResult(total, options.Offset, messages);
        }
    }

    /// <summary>
    /// Whether full-text terms match so many messages that a count bounded by dates is cheaper by walking the date index
    /// (which holds every rowid: about 0.15 µs a row, no table access) than by looking up each match's row for its date
    /// (about 2 µs a match): more than one message in 13. Measured at 300,000 messages: <c>list:github older_than:3m</c>,
    /// 45,000 matches, counted in 92 ms by lookups and in 38 ms by the date index; a rare word stays a few lookups.
    /// </summary>
    private static async Task<bool> ManyMatchesAsync(SqliteConnection connection, string match, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM fts WHERE fts MATCH $fts) * 13 > coalesce((SELECT max(id) FROM messages), 0);";
        command.Add("$fts", match);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1L;
    }

    /// <summary>One message with headers, cached text body and attachment list; null when the cache does not hold it.</summary>
    public async Task<MessageDetails?> GetMessageAsync(MessageKey key, CancellationToken cancellationToken = default)
    {
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {SummaryReader.Columns}, m.cc_list, m.in_reply_to, m.refs, m.list_id, coalesce(m.rule_sealed, m.rule), m.category_rule, m.class_headers,
                       m.attachments, b.text, m.body_state
                FROM messages m JOIN folders f ON f.id = m.folder_id LEFT JOIN bodies b ON b.message = m.id
                WHERE f.name = $folder AND m.uid = $uid;
                """;
            command.Add("$folder", key.Folder);
            command.Add("$uid", (long)key.Uid);
            using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                return null;
            const int o = SummaryReader.Count;
            var c = _cache.Codec;
            var folderId = r.GetInt64(SummaryReader.FolderIdOrdinal);
            var uid = key.Uid;
            var headers = c.Open(r, o + 6, CacheColumn.ClassHeaders, folderId, uid) is { } h
                ? JsonSerializer.Deserialize(h, CacheJsonContext.Default.DictionaryStringString) ?? []
                : new Dictionary<string, string>();
            var attachments = c.Open(r, o + 7, CacheColumn.Attachments, folderId, uid) is { } a
                ? (IReadOnlyList<AttachmentInfo>)(JsonSerializer.Deserialize(a, CacheJsonContext.Default.ListAttachmentInfo) ?? [])
                : [];
            return new MessageDetails(
                SummaryReader.Read(r, c),
                c.OpenText(r, o, CacheColumn.CcList, folderId, uid),
                c.Open(r, o + 1, CacheColumn.InReplyTo, folderId, uid),
                c.Open(r, o + 2, CacheColumn.References, folderId, uid)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
                c.Open(r, o + 3, CacheColumn.ListId, folderId, uid),
                c.OpenText(r, o + 4, CacheColumn.Rule, folderId, uid),
                c.OpenText(r, o + 5, CacheColumn.CategoryRule, folderId, uid),
                headers,
                attachments,
                c.Open(r, o + 8, CacheColumn.Body, folderId, uid),
                r.GetInt64(o + 9) == 1);
        }
    }

    /// <summary>
    /// The conversation a message belongs to, oldest first, across every folder (Sent included): messages linked by
    /// Message-ID, In-Reply-To and References; when a message has no links at all, same-subject messages between the same people.
    /// Copies of one message in several folders appear once. Null when the message is not cached.
    /// </summary>
    public async Task<IReadOnlyList<MessageItem>?> GetThreadAsync(MessageKey key, CancellationToken cancellationToken = default)
    {
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            long startId;
            string? messageId, subjectNorm, fromAddr;
            using (var start = connection.CreateCommand())
            {
                start.CommandText = "SELECT m.id, m.message_id, m.subject_norm, m.from_addr FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.name = $folder AND m.uid = $uid;";
                start.Add("$folder", key.Folder);
                start.Add("$uid", (long)key.Uid);
                using var r = await start.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    return null;
                startId = r.GetInt64(0);
                messageId = Sql.ReadString(r, 1);
                subjectNorm = r.GetString(2);
                fromAddr = r.GetString(3);
            }

            // Closure over the reference graph: ids we know -> messages carrying or citing them -> their ids and citations.
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var rows = new HashSet<long> { startId };
            var frontier = new List<string>();
            foreach (var id in await RefsOfAsync(connection, [startId], cancellationToken).ConfigureAwait(false))
            {
                if (ids.Add(id))
                    frontier.Add(id);
            }

            for (var round = 0; frontier.Count > 0 && round < 50 && rows.Count < 5000; round++)
            {
                var found = new List<long>();
                foreach (var chunk in frontier.Chunk(400))
                {
                    using var find = connection.CreateCommand();
                    var names = Enumerable.Range(0, chunk.Length).Select(i => "$i" + i.ToString(CultureInfo.InvariantCulture)).ToList();
                    for (var i = 0; i < chunk.Length; i++)
                        find.Add(names[i], chunk[i]);
                    var list = string.Join(",", names);
                    find.CommandText = $"SELECT id FROM messages WHERE message_id IN ({list}) UNION SELECT message FROM message_refs WHERE ref IN ({list});";
                    using var r = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var row = r.GetInt64(0);
                        if (rows.Add(row))
                            found.Add(row);
                    }
                }

                frontier.Clear();
                foreach (var id in await RefsOfAsync(connection, found, cancellationToken).ConfigureAwait(false))
                {
                    if (ids.Add(id))
                        frontier.Add(id);
                }
            }

            if (rows.Count == 1 && !string.IsNullOrEmpty(subjectNorm))
            {
                // Subject fallback for clients that drop threading headers: same subject, and the sender is on the other message.
                using var bySubject = connection.CreateCommand();
                bySubject.CommandText = "SELECT id FROM messages WHERE subject_norm = $s AND (from_addr = $from OR recipients LIKE '% ' || $from || ' %' OR instr($own, ' ' || from_addr || ' ') > 0);";
                bySubject.Add("$s", subjectNorm);
                bySubject.Add("$from", fromAddr);
                bySubject.Add("$own", " " + string.Join(' ', OwnAddressKeys()) + " ");
                using var r = await bySubject.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    rows.Add(r.GetInt64(0));
            }

            var summaries = new List<(MessageItem Summary, string Role)>();
            foreach (var chunk in rows.Chunk(500))
            {
                using var load = connection.CreateCommand();
                load.CommandText = $"SELECT {SummaryReader.Columns} FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id IN ({string.Join(",", chunk)});";
                using var r = await load.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    summaries.Add((SummaryReader.Read(r, _cache.Codec), r.GetString(SummaryReader.RoleOrdinal)));
            }

            return Deduplicate(summaries, key).OrderBy(s => s.Date).ThenBy(s => s.Key.Folder, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// Messages from humans to the owner since <paramref name="since"/> with no later message from the owner in the same
    /// conversation (cross-referencing Sent). Newest first; copies in several folders appear once.
    /// </summary>
    public async Task<IReadOnlyList<MessageItem>> GetUnrepliedAsync(DateTimeOffset since, int limit = 200, CancellationToken cancellationToken = default)
    {
        if (_ownAddresses.Count == 0)
            return [];
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            var own = new List<string>();
            var toOwner = new List<string>();
            var ownKeys = OwnAddressKeys();
            for (var i = 0; i < ownKeys.Count; i++)
            {
                var p = "$o" + i.ToString(CultureInfo.InvariantCulture);
                command.Add(p, ownKeys[i]);
                own.Add(p);
                toOwner.Add($"m.recipients LIKE '% ' || {p} || ' %'");
            }

            var ownList = string.Join(",", own);
            command.CommandText = $"""
                SELECT {SummaryReader.Columns} FROM messages m JOIN folders f ON f.id = m.folder_id
                WHERE m.date >= $since AND m.automated = 0
                  AND f.role NOT IN ('Sent', 'Drafts', 'Trash', 'Junk')
                  AND m.from_addr NOT IN ({ownList})
                  AND ({string.Join(" OR ", toOwner)})
                  AND NOT EXISTS (
                    SELECT 1 FROM messages r
                    WHERE r.from_addr IN ({ownList}) AND r.date > m.date
                      AND r.folder_id NOT IN (SELECT id FROM folders WHERE role IN ('Drafts', 'Trash', 'Junk'))
                      AND (r.thread_root = m.thread_root
                           OR r.id IN (SELECT message FROM message_refs WHERE ref = m.message_id)
                           OR (m.subject_norm <> '' AND r.subject_norm = m.subject_norm AND r.recipients LIKE '% ' || m.from_addr || ' %')))
                ORDER BY m.date DESC, m.id DESC;
                """;
            command.Add("$since", Sql.ToUnixMs(since));
            var rows = new List<(MessageItem, string)>();
            using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    rows.Add((SummaryReader.Read(r, _cache.Codec), r.GetString(SummaryReader.RoleOrdinal)));
            }

            return Deduplicate(rows, null).OrderByDescending(s => s.Date).Take(limit).ToList();
        }
    }

    /// <summary>Every cached folder with its role, counts and the date ranges it holds in full.</summary>
    public async Task<IReadOnlyList<FolderSummary>> GetFoldersAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var ranges = new Dictionary<long, List<CachedRange>>();
            using (var rangeCommand = connection.CreateCommand())
            {
                rangeCommand.CommandText = "SELECT folder_id, since, before FROM folder_ranges ORDER BY folder_id, since;";
                using var rr = await rangeCommand.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await rr.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!ranges.TryGetValue(rr.GetInt64(0), out var list))
                        ranges[rr.GetInt64(0)] = list = [];
                    list.Add(new CachedRange(DayRange.ToTime(rr.GetInt64(1)), DayRange.ToTime(rr.GetInt64(2))));
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT f.name, f.role, count(m.id), coalesce(sum((m.flags & 1) = 0), 0), f.server_count, f.last_synced, f.id
                FROM folders f LEFT JOIN messages m ON m.folder_id = f.id GROUP BY f.id ORDER BY f.name;
                """;
            using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var folders = new List<FolderSummary>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                folders.Add(new FolderSummary(r.GetString(0), Enum.Parse<FolderRole>(r.GetString(1)), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), Sql.ReadTime(r, 5))
                {
                    Ranges = ranges.GetValueOrDefault(r.GetInt64(6)) ?? [],
                });
            }

            return folders;
        }
    }

    /// <summary>The owner's addresses as the cache compares them (tokens in an encrypted cache).</summary>
    private List<string> OwnAddressKeys() => _ownAddresses.Select(a => _cache.Codec.Token(a, TokenDomain.Address)).ToList();

    private static async Task<List<string>> RefsOfAsync(SqliteConnection connection, IReadOnlyCollection<long> rows, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        foreach (var chunk in rows.Chunk(500))
        {
            using var command = connection.CreateCommand();
            var list = string.Join(",", chunk);
            command.CommandText = $"SELECT message_id FROM messages WHERE id IN ({list}) AND message_id IS NOT NULL UNION SELECT ref FROM message_refs WHERE message IN ({list});";
            using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                result.Add(r.GetString(0));
        }

        return result;
    }

    /// <summary>One entry per Message-ID: the asked-for copy if present, else the copy outside Trash/Junk/All Mail.</summary>
    private static IEnumerable<MessageItem> Deduplicate(IEnumerable<(MessageItem Summary, string Role)> rows, MessageKey? preferred)
    {
        foreach (var group in rows.GroupBy(x => x.Summary.MessageId ?? ("\0" + x.Summary.Key)))
        {
            yield return group
                .OrderByDescending(x => preferred is { } p && x.Summary.Key == p)
                .ThenBy(x => x.Role is "Trash" or "Junk" or "All" ? 1 : 0)
                .ThenBy(x => x.Summary.Key.Folder, StringComparer.Ordinal)
                .First().Summary;
        }
    }

    private static void AddParameters(SqliteCommand command, CompiledQuery compiled)
    {
        foreach (var (name, value) in compiled.Parameters)
            command.Add(name, value);
    }
}
