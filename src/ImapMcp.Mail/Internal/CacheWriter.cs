using System.Globalization;
using System.Text;
using System.Text.Json;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Internal;

/// <summary>The sync engine's writes. Every batch and the folder state it advances commit in one transaction, so a kill leaves no holes or duplicates.</summary>
internal sealed class CacheWriter : IAsyncDisposable
{
    private const int SyncCacheKiB = 65536;

    private readonly SqliteConnection _connection;
    private readonly CacheCodec _codec;
    private readonly long _pooledCacheSize;

    // While a bulk load defers the Message-ID index, rows are stored without the is_copy probe (it would scan the table).
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

    /// <summary>Stores a batch of new messages and moves the folder's resume point (0 leaves it), in one transaction.</summary>
    public async Task StoreHeadersAsync(long folderId, IReadOnlyList<MessageRecord> messages, uint syncedUidNext, CancellationToken cancellationToken)
    {
        using var tx = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        var copy = _bulkLoad ? "0" : "EXISTS(SELECT 1 FROM messages WHERE message_id = $mid)";
        insert.CommandText = $"""
            INSERT INTO messages(folder_id, uid, flags, keywords, modseq, internal_date, date, size, subject, subject_norm,
                from_name, from_addr, from_domain, from_domain_key, to_list, cc_list, recipients, message_id, in_reply_to, refs, thread_root,
                list_id, list_key, is_copy, class_headers, automated, rule, category, category_rule, has_attachments, attachments,
                from_addr_sealed, message_id_sealed, rule_sealed)
            VALUES ($f, $uid, $flags, $kw, $modseq, $idate, $date, $size, $subj, $subjn, $fname, $faddr, $fdom, $fdkey, $to, $cc, $rcpt,
                $mid, $irt, $refs, $root, $list, $lkey, {copy}, $ch, $auto, $rule, $cat, $catrule, $hasatt, $att, $faddrs, $mids, $rules)
            ON CONFLICT(folder_id, uid) DO NOTHING;
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$f", "$uid", "$flags", "$kw", "$modseq", "$idate", "$date", "$size", "$subjn", "$faddr", "$fdom", "$fdkey", "$rcpt", "$mid", "$root", "$lkey", "$auto", "$rule", "$cat", "$hasatt" })
            p[name] = insert.Parameters.Add(name, SqliteType.Text);
        // Content columns: text, or BLOBs when the cache is encrypted (the value's type decides how it binds).
        foreach (var name in new[] { "$subj", "$fname", "$to", "$cc", "$irt", "$refs", "$list", "$ch", "$catrule", "$att", "$faddrs", "$mids", "$rules" })
            p[name] = insert.Parameters.AddWithValue(name, DBNull.Value);

        using var fts = _connection.CreateCommand();
        fts.Transaction = tx;
        fts.CommandText = "INSERT INTO fts(rowid, subject, sender, recipients, body, list) VALUES ($id, $s, $from, $to, NULL, $list);";
        var fId = fts.Parameters.Add("$id", SqliteType.Integer);
        var fList = fts.Parameters.Add("$list", SqliteType.Text);
        var fSubject = fts.Parameters.Add("$s", SqliteType.Text);
        var fFrom = fts.Parameters.Add("$from", SqliteType.Text);
        var fTo = fts.Parameters.Add("$to", SqliteType.Text);

        using var refs = _connection.CreateCommand();
        refs.Transaction = tx;
        refs.CommandText = "INSERT INTO message_refs(message, ref) VALUES ($m, $r);";
        var rMessage = refs.Parameters.Add("$m", SqliteType.Integer);
        var rRef = refs.Parameters.Add("$r", SqliteType.Text);

        var c = _codec;
        foreach (var m in messages)
        {
            var domain = MailAddressParts.DomainOf(m.FromAddress);
            var uid = m.Uid;
            p["$f"].Value = folderId;
            p["$uid"].Value = (long)m.Uid;
            p["$flags"].Value = m.Flags;
            p["$kw"].Value = (object?)m.Keywords ?? DBNull.Value;
            p["$modseq"].Value = (long)m.ModSeq;
            p["$idate"].Value = m.InternalDate is { } idate ? Sql.ToUnixMs(idate) : DBNull.Value;
            p["$date"].Value = Sql.ToUnixMs(m.Date);
            p["$size"].Value = m.Size;
            p["$subj"].Value = c.Seal(m.Subject, CacheColumn.Subject, folderId, uid);
            p["$subjn"].Value = c.Token(SubjectNormalizer.Normalize(m.Subject), TokenDomain.Subject);
            p["$fname"].Value = c.Seal(m.FromName, CacheColumn.FromName, folderId, uid);
            p["$faddr"].Value = c.Token(m.FromAddress, TokenDomain.Address);
            p["$faddrs"].Value = c.SealBeside(m.FromAddress, CacheColumn.FromAddress, folderId, uid);
            p["$fdom"].Value = c.Token(domain, TokenDomain.Domain);
            p["$fdkey"].Value = LookupKeys.StoredDomainKey(domain, c);
            p["$to"].Value = c.Seal(m.ToList, CacheColumn.ToList, folderId, uid);
            p["$cc"].Value = c.Seal(m.CcList, CacheColumn.CcList, folderId, uid);
            p["$rcpt"].Value = c.TokenList(m.Recipients, TokenDomain.Address);
            p["$mid"].Value = (object?)c.Token(m.MessageId, TokenDomain.MessageId) ?? DBNull.Value;
            p["$mids"].Value = c.SealBeside(m.MessageId, CacheColumn.MessageId, folderId, uid);
            p["$irt"].Value = c.Seal(m.InReplyTo, CacheColumn.InReplyTo, folderId, uid);
            p["$refs"].Value = m.References.Count > 0 ? c.Seal(string.Join(' ', m.References), CacheColumn.References, folderId, uid) : DBNull.Value;
            p["$root"].Value = (object?)c.Token(m.ThreadRoot, TokenDomain.MessageId) ?? DBNull.Value;
            p["$list"].Value = c.Seal(m.ListId, CacheColumn.ListId, folderId, uid);
            p["$lkey"].Value = (object?)LookupKeys.StoredListKey(m.ListId, c) ?? DBNull.Value;
            p["$ch"].Value = c.Seal(m.ClassHeaders, CacheColumn.ClassHeaders, folderId, uid);
            p["$auto"].Value = m.Classification.Automated ? 1 : 0;
            p["$rule"].Value = c.Token(m.Classification.Rule, TokenDomain.Rule);
            p["$rules"].Value = c.SealBeside(m.Classification.Rule, CacheColumn.Rule, folderId, uid);
            p["$cat"].Value = m.Classification.Category;
            p["$catrule"].Value = c.Seal(m.Classification.CategoryRule, CacheColumn.CategoryRule, folderId, uid);
            p["$hasatt"].Value = m.Attachments.Count > 0 ? 1 : 0;
            p["$att"].Value = m.Attachments.Count > 0 ? c.Seal(JsonSerializer.Serialize(m.Attachments.ToList(), CacheJsonContext.Default.ListAttachmentInfo), CacheColumn.Attachments, folderId, uid) : DBNull.Value;
            // No RETURNING: a reader per row costs more than the insert; the handle says whether a row went in and its id.
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (SQLitePCL.raw.sqlite3_changes(_connection.Handle) != 1)
                continue; // already cached: a resumed batch overlapping what was committed
            var id = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
            fId.Value = id;
            fSubject.Value = c.Index(m.Subject);
            fFrom.Value = c.Index(string.IsNullOrEmpty(m.FromName) ? m.FromAddress : m.FromName + " " + m.FromAddress);
            fTo.Value = c.Index(m.RecipientsText);
            fList.Value = (object?)c.Index(m.ListId) ?? DBNull.Value;
            await fts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            rMessage.Value = id;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in m.References.Append(m.InReplyTo))
            {
                if (string.IsNullOrEmpty(r) || !seen.Add(r))
                    continue;
                rRef.Value = c.Token(r, TokenDomain.MessageId);
                await refs.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await SetSyncedUidNextAsync(folderId, syncedUidNext, tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SetSyncedUidNextAsync(long folderId, uint syncedUidNext, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "UPDATE folders SET synced_uidnext = max(synced_uidnext, $u) WHERE id = $id;";
        command.Add("$u", (long)syncedUidNext);
        command.Add("$id", folderId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies flag changes and removes expunged UIDs in one transaction.</summary>
    public async Task ApplyChangesAsync(long folderId, IReadOnlyList<FlagChange> flags, IReadOnlyCollection<uint> expunged, CancellationToken cancellationToken)
    {
        if (flags.Count == 0 && expunged.Count == 0)
            return;
        using var tx = _connection.BeginTransaction();
        using (var update = _connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = "UPDATE messages SET flags = $fl, keywords = $kw, modseq = max(modseq, $ms) WHERE folder_id = $f AND uid = $u;";
            var fl = update.Parameters.Add("$fl", SqliteType.Integer);
            var kw = update.Parameters.Add("$kw", SqliteType.Text);
            var ms = update.Parameters.Add("$ms", SqliteType.Integer);
            update.Add("$f", folderId);
            var u = update.Parameters.Add("$u", SqliteType.Integer);
            foreach (var change in flags)
            {
                fl.Value = change.Flags;
                kw.Value = (object?)change.Keywords ?? DBNull.Value;
                ms.Value = (long)change.ModSeq;
                u.Value = (long)change.Uid;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        using (var delete = _connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM messages WHERE folder_id = $f AND uid = $u;";
            delete.Add("$f", folderId);
            var u = delete.Parameters.Add("$u", SqliteType.Integer);
            foreach (var uid in expunged)
            {
                u.Value = (long)uid;
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
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

    /// <summary>UIDs in the folder still waiting for their text body, newest first, within the policy's window.</summary>
    public async Task<List<uint>> GetUidsNeedingBodiesAsync(long folderId, DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        // INDEXED BY: without ANALYZE statistics SQLite would pick (folder_id, date) and sort every pending row per batch.
        command.CommandText = "SELECT uid FROM messages INDEXED BY ix_messages_need_body WHERE folder_id = $f AND body_state = 0 AND date >= $since ORDER BY uid DESC LIMIT $l;";
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
        command.CommandText = "SELECT count(*) FROM messages WHERE body_state = 0 AND date >= $since;";
        command.Add("$since", since is { } s ? Sql.ToUnixMs(s) : long.MinValue);
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
        using var find = _connection.CreateCommand();
        find.Transaction = tx;
        find.CommandText = "SELECT id, subject, from_name, coalesce(from_addr_sealed, from_addr), to_list, cc_list, list_id FROM messages WHERE folder_id = $f AND uid = $u;";
        find.Add("$f", folderId);
        var fu = find.Parameters.Add("$u", SqliteType.Integer);

        using var body = _connection.CreateCommand();
        body.Transaction = tx;
        body.CommandText = "INSERT INTO bodies(message, text) VALUES ($id, $t) ON CONFLICT(message) DO UPDATE SET text = excluded.text;";
        var bId = body.Parameters.Add("$id", SqliteType.Integer);
        var bText = body.Parameters.AddWithValue("$t", DBNull.Value);

        // One row update for the body state and, when the body brought one, the attachment list (a null $h keeps the row's).
        using var mark = _connection.CreateCommand();
        mark.Transaction = tx;
        mark.CommandText = "UPDATE messages SET body_state = $s, has_attachments = coalesce($h, has_attachments), attachments = iif($h IS NULL, attachments, $a) WHERE id = $id;";
        var mState = mark.Parameters.Add("$s", SqliteType.Integer);
        var mH = mark.Parameters.AddWithValue("$h", DBNull.Value);
        var mA = mark.Parameters.AddWithValue("$a", DBNull.Value);
        var mId = mark.Parameters.Add("$id", SqliteType.Integer);

        using var fts = _connection.CreateCommand();
        fts.Transaction = tx;
        fts.CommandText = "DELETE FROM fts WHERE rowid = $id; INSERT INTO fts(rowid, subject, sender, recipients, body, list) VALUES ($id, $s, $from, $to, $b, $list);";
        var tId = fts.Parameters.Add("$id", SqliteType.Integer);
        var tS = fts.Parameters.Add("$s", SqliteType.Text);
        var tFrom = fts.Parameters.Add("$from", SqliteType.Text);
        var tTo = fts.Parameters.Add("$to", SqliteType.Text);
        var tB = fts.Parameters.Add("$b", SqliteType.Text);
        var tList = fts.Parameters.Add("$list", SqliteType.Text);

        var c = _codec;
        // Ascending rowids: FTS5 writes its pending terms out as a new segment whenever a rowid goes backwards, so the
        // newest-first order of the body phase, row by row, made one segment (and its merges) per message.
        foreach (var (uid, text, attachments) in bodies.OrderBy(b => b.Uid))
        {
            fu.Value = (long)uid;
            long id;
            string subject, from, to;
            string? list;
            using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    continue;
                id = reader.GetInt64(0);
                subject = c.OpenText(reader, 1, CacheColumn.Subject, folderId, uid);
                var name = c.Open(reader, 2, CacheColumn.FromName, folderId, uid);
                var address = c.OpenText(reader, 3, CacheColumn.FromAddress, folderId, uid);
                from = string.IsNullOrEmpty(name) ? address : name + " " + address;
                var cc = c.OpenText(reader, 5, CacheColumn.CcList, folderId, uid);
                var toList = c.OpenText(reader, 4, CacheColumn.ToList, folderId, uid);
                to = string.IsNullOrEmpty(cc) ? toList : toList + ", " + cc;
                list = c.Open(reader, 6, CacheColumn.ListId, folderId, uid);
            }

            mState.Value = text is null ? 2 : 1;
            mH.Value = attachments is null ? DBNull.Value : (object)(attachments.Count > 0 ? 1 : 0);
            mA.Value = attachments is { Count: > 0 } ? c.Seal(JsonSerializer.Serialize(attachments.ToList(), CacheJsonContext.Default.ListAttachmentInfo), CacheColumn.Attachments, folderId, uid) : DBNull.Value;
            mId.Value = id;
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (text is null)
                continue;

            bId.Value = id;
            bText.Value = c.Seal(text, CacheColumn.Body, folderId, uid);
            await body.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            tId.Value = id;
            tS.Value = c.Index(subject);
            tFrom.Value = c.Index(from);
            tTo.Value = c.Index(to);
            tB.Value = c.Index(text);
            tList.Value = (object?)c.Index(list) ?? DBNull.Value;
            await fts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
