using System.Globalization;
using System.Text;
using System.Text.Json;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Query;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>The sync engine's writes. Every batch and the folder state it advances commit in one transaction, so a kill leaves no holes or duplicates.</summary>
internal sealed class CacheWriter : IAsyncDisposable
{
    private const int SyncCacheKiB = 65536;

    // The per-row writes, run through RawStatement (bound by index; prepared once per writer). ?18 is the Message-ID.
    private const string InsertMessageColumns = """
        INSERT INTO messages(folder_id, uid, flags, keywords, modseq, internal_date, date, size, subject, subject_norm,
            from_name, from_addr, from_domain, from_domain_key, to_list, cc_list, recipients, message_id, in_reply_to, refs, thread_root,
            list_id, list_key, class_headers, automated, rule, category, category_rule, has_attachments, attachments,
            from_addr_sealed, message_id_sealed, rule_sealed, body_state, is_copy)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
            ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34,
        """;

    private const string InsertMessage = InsertMessageColumns + " EXISTS(SELECT 1 FROM messages WHERE message_id = ?18)) ON CONFLICT(folder_id, uid) DO NOTHING;";

    // While a bulk load defers the Message-ID index, rows are stored without the is_copy probe (it would scan the table).
    private const string InsertMessageBulk = InsertMessageColumns + " 0) ON CONFLICT(folder_id, uid) DO NOTHING;";

    private const string InsertFts = "INSERT INTO fts(rowid, subject, sender, recipients, body, list) VALUES (?1, ?2, ?3, ?4, ?5, ?6);";

    private const string DeleteFts = "DELETE FROM fts WHERE rowid = ?1;";

    private const string InsertRef = "INSERT INTO message_refs(message, ref) VALUES (?1, ?2);";

    private const string SetSyncedUidNext = "UPDATE folders SET synced_uidnext = max(synced_uidnext, ?1) WHERE id = ?2;";

    private const string UpdateFlags = "UPDATE messages SET flags = ?1, keywords = ?2, modseq = max(modseq, ?3) WHERE folder_id = ?4 AND uid = ?5;";

    // Its triggers take the row's full-text entry along; bodies and message_refs go by ON DELETE CASCADE.
    private const string DeleteMessage = "DELETE FROM messages WHERE folder_id = ?1 AND uid = ?2;";

    private const string UpsertBody = "INSERT INTO bodies(message, text) VALUES (?1, ?2) ON CONFLICT(message) DO UPDATE SET text = excluded.text;";

    // The stored header fields the full-text row is made of (the same values StoreHeadersAsync indexes), and the body state.
    private const string IndexedColumns = "id, subject, from_name, coalesce(from_addr_sealed, from_addr), to_list, cc_list, list_id, body_state, folder_id, uid";

    private const string FindBodyRow = "SELECT " + IndexedColumns + " FROM messages WHERE folder_id = ?1 AND uid = ?2;";

    // A bounded batch of rows whose full-text row waits for a body (body_state -1; see CacheSchema), by their partial index.
    private const string FindDeferred = "SELECT " + IndexedColumns + " FROM messages INDEXED BY ix_messages_unindexed WHERE body_state < 0 LIMIT 2000;";

    // One row update for the body state and, when the body brought one, the attachment list (a NULL ?2 keeps the row's).
    // By id and without RETURNING: a RETURNING clause (or any statement SQLite may have to undo alone) opens a statement
    // savepoint, and FTS5 writes its pending terms out as a segment at every savepoint, so that was one segment per body.
    private const string MarkBody = "UPDATE messages SET body_state = ?1, has_attachments = coalesce(?2, has_attachments), attachments = iif(?2 IS NULL, attachments, ?3) WHERE id = ?4;";

    private const string MarkIndexed = "UPDATE messages SET body_state = 0 WHERE id = ?1;";

    private readonly SqliteConnection _connection;
    private readonly CacheCodec _codec;
    private readonly long _pooledCacheSize;
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);

    private bool _bulkLoad;

    private CacheWriter(SqliteConnection connection, CacheCodec codec, long pooledCacheSize)
    {
        _connection = connection;
        _codec = codec;
        _pooledCacheSize = pooledCacheSize;
    }

    public static async Task<CacheWriter> OpenAsync(MailCache cache, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var pooled = Convert.ToInt64(await Sql.ScalarAsync(connection, "PRAGMA cache_size;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        // Inserts land at random places in a dozen B-trees (indexes, FTS): with SQLite's default 2 MB page cache a large
        // sync re-reads the same pages over and over. 64 MB holds the hot interior pages of a 300K-message cache.
        await Sql.ExecuteAsync(connection, $"PRAGMA cache_size=-{SyncCacheKiB};", cancellationToken).ConfigureAwait(false);
        await CreateIndexesAsync(connection, cancellationToken).ConfigureAwait(false);
        return new CacheWriter(connection, cache.Codec, pooled);
    }

    /// <summary>Creates missing indexes; when the Message-ID index was among them (a bulk load), marks the copies its rows lack.</summary>
    private static async Task CreateIndexesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var copiesUnmarked = await Sql.ScalarAsync(connection, "SELECT NOT EXISTS(SELECT 1 FROM sqlite_master WHERE name = 'ix_messages_message_id');", cancellationToken).ConfigureAwait(false) is 1L;
        await Sql.ExecuteAsync(connection, CacheSchema.Indexes, cancellationToken).ConfigureAwait(false);
        if (copiesUnmarked)
            await Sql.ExecuteAsync(connection, CacheSchema.MarkCopies, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When the cache holds no message yet, drops the indexes a first sync does not read (see <see cref="CacheSchema.Indexes"/>)
    /// so the header phase only appends; <see cref="EndBulkLoadAsync"/> builds them. True when it did.
    /// </summary>
    public async Task<bool> BeginBulkLoadAsync(CancellationToken cancellationToken)
    {
        if (await Sql.ScalarAsync(_connection, "SELECT EXISTS(SELECT 1 FROM messages);", cancellationToken).ConfigureAwait(false) is 1L)
            return false;
        await Sql.ExecuteAsync(_connection, string.Concat(CacheSchema.BulkLoadDeferred.Select(i => $"DROP INDEX IF EXISTS {i};")), cancellationToken).ConfigureAwait(false);
        _bulkLoad = true;
        return true;
    }

    /// <summary>Builds the indexes <see cref="BeginBulkLoadAsync"/> dropped (and marks the copies stored meanwhile).</summary>
    public async Task EndBulkLoadAsync(CancellationToken cancellationToken)
    {
        await CreateIndexesAsync(_connection, cancellationToken).ConfigureAwait(false);
        _bulkLoad = false;
    }

    /// <summary>
    /// Gives the sync's page cache back before the connection returns to the pool: a pooled connection keeps its pages
    /// (64 MB after a large sync) for as long as the process lives, which is most of an idle host's memory.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _statements.Clear();
        try
        {
            await Sql.ExecuteAsync(_connection, $"PRAGMA cache_size={_pooledCacheSize}; PRAGMA shrink_memory;", CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // A broken connection is not returned for reuse anyway.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        NativeHeap.Trim();
    }

    /// <summary>Lets SQLite refresh its planner statistics where they went stale (cheap when nothing changed).</summary>
    public Task OptimizeAsync(CancellationToken cancellationToken) => Sql.ExecuteAsync(_connection, "PRAGMA optimize;", cancellationToken);

    public async Task EnsureAccountAsync(AccountSettings account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO accounts(name, host, user_name, created) VALUES ($n, $h, $u, $c) ON CONFLICT(name) DO UPDATE SET host = excluded.host, user_name = excluded.user_name;";
        command.Add("$n", account.Name);
        command.Add("$h", _codec.Seal(account.Host, CacheColumn.AccountHost, 0, 0));
        command.Add("$u", _codec.Seal(account.UserName, CacheColumn.AccountUser, 0, 0));
        command.Add("$c", Sql.ToUnixMs(now));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<FolderState>> GetFoldersAsync(CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, uidvalidity, synced_uidnext, highestmodseq, server_count, last_synced FROM folders ORDER BY name;";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<FolderState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new FolderState(
                reader.GetInt64(0),
                reader.GetString(1),
                Enum.Parse<FolderRole>(reader.GetString(2)),
                (uint)reader.GetInt64(3),
                (uint)reader.GetInt64(4),
                (ulong)reader.GetInt64(5),
                reader.GetInt32(6),
                Sql.ReadTime(reader, 7)));
        }

        return list;
    }

    public async Task<FolderState> UpsertFolderAsync(string name, FolderRole role, char? delimiter, CancellationToken cancellationToken)
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO folders(name, role, delimiter) VALUES ($n, $r, $d) ON CONFLICT(name) DO UPDATE SET role = excluded.role, delimiter = excluded.delimiter;";
            command.Add("$n", name);
            command.Add("$r", role.ToString());
            command.Add("$d", delimiter?.ToString());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var all = await GetFoldersAsync(cancellationToken).ConfigureAwait(false);
        return all.Single(f => f.Name == name);
    }

    public async Task DeleteFolderAsync(long folderId, CancellationToken cancellationToken)
    {
        using var tx = _connection.BeginTransaction();
        await Sql.ExecuteAsync(_connection, $"DELETE FROM messages WHERE folder_id = {folderId}; DELETE FROM folder_ranges WHERE folder_id = {folderId}; DELETE FROM folders WHERE id = {folderId};", cancellationToken, tx).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets a folder's messages after a UIDVALIDITY change: its UIDs no longer name the same messages.</summary>
    public async Task ResetFolderAsync(long folderId, uint uidValidity, CancellationToken cancellationToken)
    {
        using var tx = _connection.BeginTransaction();
        await Sql.ExecuteAsync(_connection, $"DELETE FROM messages WHERE folder_id = {folderId};", cancellationToken, tx).ConfigureAwait(false);
        using (var command = _connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "UPDATE folders SET uidvalidity = $v, synced_uidnext = 1, highestmodseq = 0, server_count = 0 WHERE id = $id;";
            command.Add("$v", (long)uidValidity);
            command.Add("$id", folderId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a batch of new messages and moves the folder's resume point (0 leaves it), in one transaction. Messages dated
    /// at or after <paramref name="indexWithBodyFrom"/> are those whose body the same sync fetches next: their full-text row
    /// is written once, with the body (body_state -1 until then), instead of written now and replaced. A replaced row of a
    /// contentless FTS5 table leaves a tombstone that every later merge checks, which was a quarter of the body phase's CPU.
    /// Null indexes every message now.
    /// </summary>
    public async Task StoreHeadersAsync(long folderId, IReadOnlyList<MessageRecord> messages, uint syncedUidNext, DateTimeOffset? indexWithBodyFrom, CancellationToken cancellationToken)
    {
        var deferFrom = indexWithBodyFrom is { } from ? Sql.ToUnixMs(from) : long.MaxValue;
        using var tx = _connection.BeginTransaction();
        var insert = Statement(_bulkLoad ? InsertMessageBulk : InsertMessage);
        var fts = Statement(InsertFts);
        var refs = Statement(InsertRef);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var c = _codec;
        foreach (var m in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var domain = MailAddressParts.DomainOf(m.FromAddress);
            var uid = m.Uid;
            insert.Bind(1, folderId);
            insert.Bind(2, uid);
            insert.Bind(3, m.Flags);
            insert.Bind(4, m.Keywords);
            insert.Bind(5, (long)m.ModSeq);
            if (m.InternalDate is { } idate)
                insert.Bind(6, Sql.ToUnixMs(idate));
            var date = Sql.ToUnixMs(m.Date);
            var deferred = date >= deferFrom;
            insert.Bind(7, date);
            insert.Bind(8, m.Size);
            insert.Bind(9, c.Seal(m.Subject, CacheColumn.Subject, folderId, uid));
            insert.Bind(10, c.Token(SubjectNormalizer.Normalize(m.Subject), TokenDomain.Subject));
            insert.Bind(11, c.Seal(m.FromName, CacheColumn.FromName, folderId, uid));
            insert.Bind(12, c.Token(m.FromAddress, TokenDomain.Address));
            insert.Bind(13, c.Token(domain, TokenDomain.Domain));
            insert.Bind(14, LookupKeys.StoredDomainKey(domain, c));
            insert.Bind(15, c.Seal(m.ToList, CacheColumn.ToList, folderId, uid));
            insert.Bind(16, c.Seal(m.CcList, CacheColumn.CcList, folderId, uid));
            insert.Bind(17, c.TokenList(m.Recipients, TokenDomain.Address));
            insert.Bind(18, c.Token(m.MessageId, TokenDomain.MessageId));
            insert.Bind(19, c.Seal(m.InReplyTo, CacheColumn.InReplyTo, folderId, uid));
            if (m.References.Count > 0)
                insert.Bind(20, c.Seal(string.Join(' ', m.References), CacheColumn.References, folderId, uid));
            insert.Bind(21, c.Token(m.ThreadRoot, TokenDomain.MessageId));
            insert.Bind(22, c.Seal(m.ListId, CacheColumn.ListId, folderId, uid));
            insert.Bind(23, LookupKeys.StoredListKey(m.ListId, c));
            insert.Bind(24, c.Seal(m.ClassHeaders, CacheColumn.ClassHeaders, folderId, uid));
            insert.Bind(25, m.Classification.Automated ? 1 : 0);
            insert.Bind(26, c.Token(m.Classification.Rule, TokenDomain.Rule));
            insert.Bind(27, m.Classification.Category);
            insert.Bind(28, c.Seal(m.Classification.CategoryRule, CacheColumn.CategoryRule, folderId, uid));
            insert.Bind(29, m.Attachments.Count > 0 ? 1 : 0);
            if (m.Attachments.Count > 0)
                insert.Bind(30, SealAttachments(m.Attachments, folderId, uid));
            insert.Bind(31, c.SealBeside(m.FromAddress, CacheColumn.FromAddress, folderId, uid));
            insert.Bind(32, c.SealBeside(m.MessageId, CacheColumn.MessageId, folderId, uid));
            insert.Bind(33, c.SealBeside(m.Classification.Rule, CacheColumn.Rule, folderId, uid));
            insert.Bind(34, deferred ? -1 : 0);
            if (insert.Execute() != 1)
                continue; // already cached: a resumed batch overlapping what was committed
            var id = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            if (!deferred)
                IndexRow(fts, id, m.Subject, SenderText(m.FromName, m.FromAddress), m.RecipientsText, null, m.ListId);

            seen.Clear();
            for (var i = 0; i <= m.References.Count; i++)
            {
                var r = i < m.References.Count ? m.References[i] : m.InReplyTo;
                if (string.IsNullOrEmpty(r) || !seen.Add(r))
                    continue;
                refs.Bind(1, id);
                refs.Bind(2, c.Token(r, TokenDomain.MessageId));
                refs.Execute();
            }
        }

        if (syncedUidNext != 0)
        {
            var resume = Statement(SetSyncedUidNext);
            resume.Bind(1, syncedUidNext);
            resume.Bind(2, folderId);
            resume.Execute();
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies flag changes and removes expunged UIDs in one transaction.</summary>
    public async Task ApplyChangesAsync(long folderId, IReadOnlyList<FlagChange> flags, IReadOnlyCollection<uint> expunged, CancellationToken cancellationToken)
    {
        if (flags.Count == 0 && expunged.Count == 0)
            return;
        using var tx = _connection.BeginTransaction();
        var update = Statement(UpdateFlags);
        foreach (var change in flags)
        {
            cancellationToken.ThrowIfCancellationRequested();
            update.Bind(1, change.Flags);
            update.Bind(2, change.Keywords);
            update.Bind(3, (long)change.ModSeq);
            update.Bind(4, folderId);
            update.Bind(5, change.Uid);
            update.Execute();
        }

        var delete = Statement(DeleteMessage);
        foreach (var uid in expunged)
        {
            cancellationToken.ThrowIfCancellationRequested();
            delete.Bind(1, folderId);
            delete.Bind(2, uid);
            delete.Execute();
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the server state a completed folder sync reached.</summary>
    public async Task CompleteFolderAsync(long folderId, uint uidValidity, uint uidNext, ulong highestModSeq, int serverCount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            UPDATE folders SET uidvalidity = $v, synced_uidnext = max(synced_uidnext, $n), highestmodseq = $m,
                server_count = $c, server_uidnext = $n, last_synced = $t WHERE id = $id;
            """;
        command.Add("$v", (long)uidValidity);
        command.Add("$n", (long)uidNext);
        command.Add("$m", (long)highestModSeq);
        command.Add("$c", serverCount);
        command.Add("$t", Sql.ToUnixMs(now));
        command.Add("$id", folderId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The folder's complete date ranges, merged and sorted; empty before its first sync.</summary>
    public async Task<List<DayRange>> GetRangesAsync(long folderId, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT since, before FROM folder_ranges WHERE folder_id = $f ORDER BY since;";
        command.Add("$f", folderId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<DayRange>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new DayRange(reader.GetInt64(0), reader.GetInt64(1)));
        return DayRange.Merge(list);
    }

    /// <summary>Records that the folder's messages dated in <paramref name="range"/> are all cached (joined with the ranges it touches).</summary>
    public async Task AddRangeAsync(long folderId, DayRange range, CancellationToken cancellationToken)
    {
        var merged = DayRange.Merge([.. await GetRangesAsync(folderId, cancellationToken).ConfigureAwait(false), range]);
        using var tx = _connection.BeginTransaction();
        await Sql.ExecuteAsync(_connection, $"DELETE FROM folder_ranges WHERE folder_id = {folderId};", cancellationToken, tx).ConfigureAwait(false);
        using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO folder_ranges(folder_id, since, before) VALUES ($f, $s, $b);";
        insert.Add("$f", folderId);
        var since = insert.Parameters.Add("$s", SqliteType.Integer);
        var before = insert.Parameters.Add("$b", SqliteType.Integer);
        foreach (var r in merged)
        {
            since.Value = r.Since;
            before.Value = r.Before;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task SetUidValidityAsync(long folderId, uint uidValidity, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE folders SET uidvalidity = $v WHERE id = $id;";
        command.Add("$v", (long)uidValidity);
        command.Add("$id", folderId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The folder's cached UIDs with their flags, ascending.</summary>
    public async Task<List<(uint Uid, int Flags, string? Keywords)>> GetUidsAsync(long folderId, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT uid, flags, keywords FROM messages WHERE folder_id = $f ORDER BY uid;";
        command.Add("$f", folderId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<(uint, int, string?)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(((uint)reader.GetInt64(0), reader.GetInt32(1), Sql.ReadString(reader, 2)));
        return list;
    }

    public async Task<int> CountAsync(long folderId, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM messages WHERE folder_id = $f;";
        command.Add("$f", folderId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// UIDs in the folder still waiting for their text body, newest first: those within the policy's window, and every one
    /// whose full-text row waits for its body (body_state -1) whatever its date.
    /// </summary>
    public async Task<List<uint>> GetUidsNeedingBodiesAsync(long folderId, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        // INDEXED BY: without ANALYZE statistics SQLite would pick (folder_id, date) and sort every pending row per batch.
        command.CommandText = """
            SELECT uid FROM (
                SELECT uid FROM messages INDEXED BY ix_messages_need_body WHERE folder_id = $f AND body_state = 0 AND date >= $since
                UNION ALL
                SELECT uid FROM messages INDEXED BY ix_messages_unindexed WHERE folder_id = $f AND body_state < 0)
            ORDER BY uid DESC LIMIT $l;
            """;
        command.Add("$f", folderId);
        command.Add("$since", since is { } s ? Sql.ToUnixMs(s) : long.MinValue);
        command.Add("$l", limit);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<uint>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add((uint)reader.GetInt64(0));
        return list;
    }

    public async Task<long> CountNeedingBodiesAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        // Without a date bound the partial index of pending rows answers (empty after a full sync): a date condition, even
        // an always-true one, made SQLite walk the date index over the whole table on every no-change resync.
        if (since is { } s)
        {
            command.CommandText = "SELECT (SELECT count(*) FROM messages WHERE body_state = 0 AND date >= $since) + (SELECT count(*) FROM messages WHERE body_state < 0);";
            command.Add("$since", Sql.ToUnixMs(s));
        }
        else
        {
            command.CommandText = "SELECT (SELECT count(*) FROM messages WHERE body_state = 0) + (SELECT count(*) FROM messages WHERE body_state < 0);";
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Stores a batch of text bodies and indexes them; a null text marks a message whose body could not be parsed.</summary>
    public Task StoreBodiesAsync(long folderId, IReadOnlyList<(uint Uid, string? Text)> bodies, CancellationToken cancellationToken) =>
        StoreBodiesAsync(folderId, bodies.Select(b => new BodyRecord(b.Uid, b.Text, null)).ToList(), cancellationToken);

    /// <summary>
    /// Stores a batch of text bodies and indexes them; a null text marks a message whose body could not be parsed.
    /// Non-null attachment lists (read from the message when the header phase skipped BODYSTRUCTURE) replace the row's.
    /// </summary>
    public async Task StoreBodiesAsync(long folderId, IReadOnlyList<BodyRecord> bodies, CancellationToken cancellationToken)
    {
        using var tx = _connection.BeginTransaction();
        var find = Statement(FindBodyRow);
        var mark = Statement(MarkBody);
        var body = Statement(UpsertBody);
        var ftsDelete = Statement(DeleteFts);
        var fts = Statement(InsertFts);
        var c = _codec;
        // Ascending rowids: FTS5 writes its pending terms out as a new segment whenever a rowid goes backwards, so the
        // newest-first order of the body phase, row by row, made one segment (and its merges) per message.
        foreach (var (uid, text, attachments) in bodies.OrderBy(b => b.Uid))
        {
            cancellationToken.ThrowIfCancellationRequested();
            find.Bind(1, folderId);
            find.Bind(2, uid);
            IndexedRow row;
            try
            {
                if (!find.Step())
                    continue; // expunged meanwhile
                row = ReadIndexedRow(find);
            }
            finally
            {
                find.Reset();
            }

            mark.Bind(1, text is null ? 2 : 1);
            if (attachments is not null)
                mark.Bind(2, attachments.Count > 0 ? 1 : 0);
            if (attachments is { Count: > 0 })
                mark.Bind(3, SealAttachments(attachments, folderId, uid));
            mark.Bind(4, row.Id);
            mark.Execute();
            if (text is not null)
            {
                body.Bind(1, row.Id);
                body.Bind(2, c.Seal(text, CacheColumn.Body, folderId, uid));
                body.Execute();
            }
            else if (!row.Deferred)
            {
                continue; // unparsable: the header fields indexed by the header phase stay
            }

            if (!row.Deferred)
            {
                ftsDelete.Bind(1, row.Id);
                ftsDelete.Execute();
            }

            IndexRow(fts, row.Id, row.Subject, row.Sender, row.Recipients, text, row.List);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the full-text rows a sync left waiting for a body it did not fetch (body_state -1: the body phase did not run,
    /// failed for a folder, or was stopped), from the stored header fields; returns how many. Called at the end of every sync,
    /// so a finished sync leaves every message searchable.
    /// </summary>
    public async Task<int> IndexDeferredAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            using var tx = _connection.BeginTransaction();
            var find = Statement(FindDeferred);
            var mark = Statement(MarkIndexed);
            var fts = Statement(InsertFts);
            var rows = new List<IndexedRow>();
            try
            {
                while (find.Step())
                    rows.Add(ReadIndexedRow(find));
            }
            finally
            {
                find.Reset();
            }

            if (rows.Count == 0)
                return total;
            foreach (var row in rows.OrderBy(r => r.Id))
            {
                cancellationToken.ThrowIfCancellationRequested();
                IndexRow(fts, row.Id, row.Subject, row.Sender, row.Recipients, null, row.List);
                mark.Bind(1, row.Id);
                mark.Execute();
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            total += rows.Count;
        }
    }

    /// <summary>The full-text row of a message: subject, sender, recipients, body (null until fetched) and list, through the codec.</summary>
    private void IndexRow(RawStatement fts, long id, string subject, string sender, string recipients, string? body, string? list)
    {
        var c = _codec;
        fts.Bind(1, id);
        fts.Bind(2, c.Index(subject));
        fts.Bind(3, c.Index(sender));
        fts.Bind(4, c.Index(recipients));
        if (body is not null)
            fts.Bind(5, c.Index(body));
        fts.Bind(6, c.Index(list));
        fts.Execute();
    }

    private static string SenderText(string? name, string address) => string.IsNullOrEmpty(name) ? address : name + " " + address;

    /// <summary>A row read by <see cref="IndexedColumns"/>, opened: the values its full-text row is made of.</summary>
    private IndexedRow ReadIndexedRow(RawStatement row)
    {
        var c = _codec;
        var id = row.GetInt64(0);
        var folderId = row.GetInt64(8);
        var uid = (uint)row.GetInt64(9);
        var subject = c.OpenText(row, 1, CacheColumn.Subject, folderId, uid);
        var name = c.Open(row, 2, CacheColumn.FromName, folderId, uid);
        var address = c.OpenText(row, 3, CacheColumn.FromAddress, folderId, uid);
        var toList = c.OpenText(row, 4, CacheColumn.ToList, folderId, uid);
        var cc = c.OpenText(row, 5, CacheColumn.CcList, folderId, uid);
        return new IndexedRow(id, subject, SenderText(name, address), string.IsNullOrEmpty(cc) ? toList : toList + ", " + cc,
            c.Open(row, 6, CacheColumn.ListId, folderId, uid), row.GetInt64(7) < 0);
    }

    private object SealAttachments(IReadOnlyList<AttachmentInfo> attachments, long folderId, uint uid) =>
        _codec.Seal(JsonSerializer.Serialize(attachments.ToList(), CacheJsonContext.Default.ListAttachmentInfo), CacheColumn.Attachments, folderId, uid);

    /// <summary>The per-row statement for <paramref name="sql"/>, prepared on first use and kept until the writer is disposed.</summary>
    private RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
            _statements[sql] = statement = RawStatement.Prepare(_connection, sql);
        // A batch that failed half-way may have left it mid-run.
        statement.Reset();
        return statement;
    }

    private readonly record struct IndexedRow(long Id, string Subject, string Sender, string Recipients, string? List, bool Deferred);
}
