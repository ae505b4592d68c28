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
    private readonly SqliteConnection _connection;

    private CacheWriter(SqliteConnection connection)
    {
        _connection = connection;
    }

    public static async Task<CacheWriter> OpenAsync(MailCache cache, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Inserts land at random places in a dozen B-trees (indexes, FTS): with SQLite's default 2 MB page cache a large
        // sync re-reads the same pages over and over. 64 MB holds the hot interior pages of a 300K-message cache.
        await Sql.ExecuteAsync(connection, "PRAGMA cache_size=-65536;", cancellationToken).ConfigureAwait(false);
        return new CacheWriter(connection);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>Lets SQLite refresh its planner statistics where they went stale (cheap when nothing changed).</summary>
    public Task OptimizeAsync(CancellationToken cancellationToken) => Sql.ExecuteAsync(_connection, "PRAGMA optimize;", cancellationToken);

    public async Task EnsureAccountAsync(AccountSettings account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO accounts(name, host, user_name, created) VALUES ($n, $h, $u, $c) ON CONFLICT(name) DO UPDATE SET host = excluded.host, user_name = excluded.user_name;";
        command.Add("$n", account.Name);
        command.Add("$h", account.Host);
        command.Add("$u", account.UserName);
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
        await Sql.ExecuteAsync(_connection, $"DELETE FROM messages WHERE folder_id = {folderId}; DELETE FROM folders WHERE id = {folderId};", cancellationToken, tx).ConfigureAwait(false);
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

    /// <summary>Stores a batch of new messages and moves the folder's resume point, in one transaction.</summary>
    public async Task StoreHeadersAsync(long folderId, IReadOnlyList<MessageRecord> messages, uint syncedUidNext, CancellationToken cancellationToken)
    {
        using var tx = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO messages(folder_id, uid, flags, keywords, modseq, internal_date, date, size, subject, subject_norm,
                from_name, from_addr, from_domain, to_list, cc_list, recipients, message_id, in_reply_to, refs, thread_root,
                list_id, class_headers, automated, rule, category, category_rule, has_attachments, attachments)
            VALUES ($f, $uid, $flags, $kw, $modseq, $idate, $date, $size, $subj, $subjn, $fname, $faddr, $fdom, $to, $cc, $rcpt,
                $mid, $irt, $refs, $root, $list, $ch, $auto, $rule, $cat, $catrule, $hasatt, $att)
            ON CONFLICT(folder_id, uid) DO NOTHING
            RETURNING id;
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$f", "$uid", "$flags", "$kw", "$modseq", "$idate", "$date", "$size", "$subj", "$subjn", "$fname", "$faddr", "$fdom", "$to", "$cc", "$rcpt", "$mid", "$irt", "$refs", "$root", "$list", "$ch", "$auto", "$rule", "$cat", "$catrule", "$hasatt", "$att" })
            p[name] = insert.Parameters.Add(name, SqliteType.Text);

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

        foreach (var m in messages)
        {
            var domain = m.FromAddress.Contains('@', StringComparison.Ordinal) ? m.FromAddress[(m.FromAddress.LastIndexOf('@') + 1)..] : "";
            p["$f"].Value = folderId;
            p["$uid"].Value = (long)m.Uid;
            p["$flags"].Value = m.Flags;
            p["$kw"].Value = (object?)m.Keywords ?? DBNull.Value;
            p["$modseq"].Value = (long)m.ModSeq;
            p["$idate"].Value = m.InternalDate is { } idate ? Sql.ToUnixMs(idate) : DBNull.Value;
            p["$date"].Value = Sql.ToUnixMs(m.Date);
            p["$size"].Value = m.Size;
            p["$subj"].Value = m.Subject;
            p["$subjn"].Value = SubjectNormalizer.Normalize(m.Subject);
            p["$fname"].Value = (object?)m.FromName ?? DBNull.Value;
            p["$faddr"].Value = m.FromAddress;
            p["$fdom"].Value = domain;
            p["$to"].Value = m.ToList;
            p["$cc"].Value = m.CcList;
            p["$rcpt"].Value = m.Recipients;
            p["$mid"].Value = (object?)m.MessageId ?? DBNull.Value;
            p["$irt"].Value = (object?)m.InReplyTo ?? DBNull.Value;
            p["$refs"].Value = m.References.Count > 0 ? string.Join(' ', m.References) : DBNull.Value;
            p["$root"].Value = (object?)m.ThreadRoot ?? DBNull.Value;
            p["$list"].Value = (object?)m.ListId ?? DBNull.Value;
            p["$ch"].Value = (object?)m.ClassHeaders ?? DBNull.Value;
            p["$auto"].Value = m.Classification.Automated ? 1 : 0;
            p["$rule"].Value = m.Classification.Rule;
            p["$cat"].Value = m.Classification.Category;
            p["$catrule"].Value = m.Classification.CategoryRule;
            p["$hasatt"].Value = m.Attachments.Count > 0 ? 1 : 0;
            p["$att"].Value = m.Attachments.Count > 0 ? JsonSerializer.Serialize(m.Attachments.ToList(), CacheJsonContext.Default.ListAttachmentInfo) : DBNull.Value;
            var idObject = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (idObject is null)
                continue; // already cached: a resumed batch overlapping what was committed

            var id = (long)idObject;
            fId.Value = id;
            fSubject.Value = m.Subject;
            fFrom.Value = string.IsNullOrEmpty(m.FromName) ? m.FromAddress : m.FromName + " " + m.FromAddress;
            fTo.Value = m.RecipientsText;
            fList.Value = (object?)m.ListId ?? DBNull.Value;
            await fts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            rMessage.Value = id;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in m.References.Append(m.InReplyTo))
            {
                if (string.IsNullOrEmpty(r) || !seen.Add(r))
                    continue;
                rRef.Value = r;
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
        find.CommandText = "SELECT id, subject, from_name, from_addr, to_list, cc_list, list_id FROM messages WHERE folder_id = $f AND uid = $u;";
        find.Add("$f", folderId);
        var fu = find.Parameters.Add("$u", SqliteType.Integer);

        using var body = _connection.CreateCommand();
        body.Transaction = tx;
        body.CommandText = "INSERT OR REPLACE INTO bodies(message, text) VALUES ($id, $t); UPDATE messages SET body_state = 1 WHERE id = $id;";
        var bId = body.Parameters.Add("$id", SqliteType.Integer);
        var bText = body.Parameters.Add("$t", SqliteType.Text);

        using var failed = _connection.CreateCommand();
        failed.Transaction = tx;
        failed.CommandText = "UPDATE messages SET body_state = 2 WHERE id = $id;";
        var xId = failed.Parameters.Add("$id", SqliteType.Integer);

        using var fts = _connection.CreateCommand();
        fts.Transaction = tx;
        fts.CommandText = "DELETE FROM fts WHERE rowid = $id; INSERT INTO fts(rowid, subject, sender, recipients, body, list) VALUES ($id, $s, $from, $to, $b, $list);";
        var tId = fts.Parameters.Add("$id", SqliteType.Integer);
        var tS = fts.Parameters.Add("$s", SqliteType.Text);
        var tFrom = fts.Parameters.Add("$from", SqliteType.Text);
        var tTo = fts.Parameters.Add("$to", SqliteType.Text);
        var tB = fts.Parameters.Add("$b", SqliteType.Text);
        var tList = fts.Parameters.Add("$list", SqliteType.Text);

        using var attach = _connection.CreateCommand();
        attach.Transaction = tx;
        attach.CommandText = "UPDATE messages SET has_attachments = $h, attachments = $a WHERE id = $id;";
        var aH = attach.Parameters.Add("$h", SqliteType.Integer);
        var aA = attach.Parameters.Add("$a", SqliteType.Text);
        var aId = attach.Parameters.Add("$id", SqliteType.Integer);

        foreach (var (uid, text, attachments) in bodies)
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
                subject = reader.GetString(1);
                var name = Sql.ReadString(reader, 2);
                from = string.IsNullOrEmpty(name) ? reader.GetString(3) : name + " " + reader.GetString(3);
                var cc = reader.GetString(5);
                to = string.IsNullOrEmpty(cc) ? reader.GetString(4) : reader.GetString(4) + ", " + cc;
                list = Sql.ReadString(reader, 6);
            }

            if (attachments is not null)
            {
                aH.Value = attachments.Count > 0 ? 1 : 0;
                aA.Value = attachments.Count > 0 ? JsonSerializer.Serialize(attachments.ToList(), CacheJsonContext.Default.ListAttachmentInfo) : DBNull.Value;
                aId.Value = id;
                await attach.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (text is null)
            {
                xId.Value = id;
                await failed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            bId.Value = id;
            bText.Value = text;
            await body.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            tId.Value = id;
            tS.Value = subject;
            tFrom.Value = from;
            tTo.Value = to;
            tB.Value = text;
            tList.Value = (object?)list ?? DBNull.Value;
            await fts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
