using System.Globalization;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;
using Microsoft.Data.Sqlite;

namespace ImapMcp.Mail.Actions.Internal;

/// <summary>
/// The actions' SQL: plans, the journal, and the cache updates that follow the server's answers. Each batch's cache
/// change and its journal rows commit in one transaction.
/// </summary>
internal sealed class ActionStore(MailCache cache)
{
    private const string JournalColumns =
        "id, time, action, folder, destination, permanent, query, plan_id, planned, done, missing, state, undoable, undone_by, undo_of, summary";

    public async Task<List<CachedFolder>> GetFoldersAsync(CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT f.id, f.name, f.role, f.uidvalidity, (SELECT count(*) FROM messages m WHERE m.folder_id = f.id) FROM folders f ORDER BY f.name;";
            using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<CachedFolder>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                list.Add(new CachedFolder(r.GetInt64(0), r.GetString(1), Enum.Parse<FolderRole>(r.GetString(2)), (uint)r.GetInt64(3), r.GetInt32(4)));
            return list;
        }
    }

    /// <summary>Every cached message matching a compiled query.</summary>
    public async Task<List<SelectedMessage>> SelectAsync(CompiledQuery query, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT m.id, f.name, f.uidvalidity, m.uid, coalesce(m.message_id_sealed, m.message_id), m.flags, m.date, m.folder_id FROM messages m JOIN folders f ON f.id = m.folder_id WHERE {query.Where} ORDER BY f.name, m.uid;";
            foreach (var (name, value) in query.Parameters)
                command.Add(name, value);
            return await ReadSelectedAsync(command, cache.Codec, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The cached messages named by keys; the keys not cached are returned apart.</summary>
    public async Task<(List<SelectedMessage> Found, List<MessageKey> Missing)> SelectAsync(IReadOnlyList<MessageKey> keys, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT m.id, f.name, f.uidvalidity, m.uid, coalesce(m.message_id_sealed, m.message_id), m.flags, m.date, m.folder_id FROM messages m JOIN folders f ON f.id = m.folder_id WHERE f.name = $f AND m.uid = $u;";
            var f = command.Parameters.Add("$f", SqliteType.Text);
            var u = command.Parameters.Add("$u", SqliteType.Integer);
            var found = new List<SelectedMessage>();
            var missing = new List<MessageKey>();
            foreach (var key in keys.Distinct())
            {
                f.Value = key.Folder;
                u.Value = (long)key.Uid;
                var rows = await ReadSelectedAsync(command, cache.Codec, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0)
                    missing.Add(key);
                found.AddRange(rows);
            }

            return (found, missing);
        }
    }

    private static async Task<List<SelectedMessage>> ReadSelectedAsync(SqliteCommand command, CacheCodec codec, CancellationToken cancellationToken)
    {
        using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<SelectedMessage>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var uid = (uint)r.GetInt64(3);
            var messageId = codec.Open(r, 4, CacheColumn.MessageId, r.GetInt64(7), uid);
            list.Add(new SelectedMessage(r.GetInt64(0), r.GetString(1), (uint)r.GetInt64(2), uid, messageId, r.GetInt32(5), r.GetInt64(6)));
        }

        return list;
    }

    /// <summary>Result lines for the given message row ids, newest first.</summary>
    public async Task<List<MessageItem>> GetItemsAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        if (list.Count == 0)
            return [];
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SummaryReader.Columns} FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.id IN ({string.Join(",", list)}) ORDER BY m.date DESC, m.id DESC;";
            return await SummaryReader.ReadAllAsync(command, cache.Codec, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SavePlanAsync(StoredPlan plan, IReadOnlyList<SelectedMessage> items, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            using (var purge = connection.CreateCommand())
            {
                // Expired plans that were never applied are of no use to anyone.
                purge.Transaction = tx;
                purge.CommandText = "DELETE FROM action_plans WHERE expires < $now AND applied IS NULL;";
                purge.Add("$now", Sql.ToUnixMs(plan.Created));
                await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO action_plans(id, action, destination, permanent, query, total, created, expires) VALUES ($id, $a, $d, $p, $q, $t, $c, $e);";
                insert.Add("$id", plan.Id);
                insert.Add("$a", plan.Action.Kind.ToString());
                insert.Add("$d", plan.Action.Destination);
                insert.Add("$p", plan.Action.Permanent ? 1 : 0);
                insert.Add("$q", cache.Codec.Seal(plan.Query, CacheColumn.ActionQuery, 0, 0));
                insert.Add("$t", plan.Total);
                insert.Add("$c", Sql.ToUnixMs(plan.Created));
                insert.Add("$e", Sql.ToUnixMs(plan.Expires));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var item = connection.CreateCommand())
            {
                item.Transaction = tx;
                item.CommandText = "INSERT INTO action_plan_items(plan_id, folder, uidvalidity, uid, message_id) VALUES ($id, $f, $v, $u, $m);";
                item.Add("$id", plan.Id);
                var f = item.Parameters.Add("$f", SqliteType.Text);
                var v = item.Parameters.Add("$v", SqliteType.Integer);
                var u = item.Parameters.Add("$u", SqliteType.Integer);
                var m = item.Parameters.Add("$m", SqliteType.Text);
                foreach (var x in items)
                {
                    f.Value = x.Folder;
                    v.Value = (long)x.UidValidity;
                    u.Value = (long)x.Uid;
                    m.Value = (object?)Plain(x.MessageId) ?? DBNull.Value;
                    await item.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<(StoredPlan Plan, List<PlanItem> Items)?> LoadPlanAsync(string id, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            StoredPlan plan;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT id, action, destination, permanent, query, total, created, expires, applied FROM action_plans WHERE id = $id;";
                command.Add("$id", id);
                using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    return null;
                plan = new StoredPlan(
                    r.GetString(0),
                    new MessageAction(Enum.Parse<ActionKind>(r.GetString(1)), Sql.ReadString(r, 2), r.GetInt64(3) != 0),
                    cache.Codec.Open(r, 4, CacheColumn.ActionQuery, 0, 0),
                    r.GetInt32(5),
                    Sql.FromUnixMs(r.GetInt64(6)),
                    Sql.FromUnixMs(r.GetInt64(7)),
                    Sql.ReadTime(r, 8));
            }

            using var items = connection.CreateCommand();
            items.CommandText = "SELECT folder, uidvalidity, uid, message_id FROM action_plan_items WHERE plan_id = $id ORDER BY folder, uid;";
            items.Add("$id", id);
            using var ri = await items.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<PlanItem>();
            while (await ri.ReadAsync(cancellationToken).ConfigureAwait(false))
                list.Add(new PlanItem(ri.GetString(0), (uint)ri.GetInt64(1), (uint)ri.GetInt64(2), Sql.ReadString(ri, 3)));
            return (plan, list);
        }
    }

    /// <summary>Marks a plan applied and opens its journal entry, in one transaction; false when it was applied already.</summary>
    public async Task<long?> StartPlanAsync(StoredPlan plan, DateTimeOffset now, string summary, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            using (var mark = connection.CreateCommand())
            {
                mark.Transaction = tx;
                mark.CommandText = "UPDATE action_plans SET applied = $now WHERE id = $id AND applied IS NULL;";
                mark.Add("$now", Sql.ToUnixMs(now));
                mark.Add("$id", plan.Id);
                if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    return null;
            }

            var id = await InsertJournalAsync(connection, tx, now, plan.Action.Kind, null, plan.Action.Destination, plan.Action.Permanent, plan.Query, plan.Id, plan.Total, plan.Action.IsUndoable, null, summary, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }
    }

    /// <summary>Opens a journal entry in the Applying state.</summary>
    public async Task<long> StartJournalAsync(DateTimeOffset now, ActionKind kind, string? folder, string? destination, int planned, bool undoable, long? undoOf, string summary, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            var id = await InsertJournalAsync(connection, tx, now, kind, folder, destination, false, null, null, planned, undoable, undoOf, summary, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return id;
        }
    }

    private async Task<long> InsertJournalAsync(SqliteConnection connection, SqliteTransaction tx, DateTimeOffset now, ActionKind kind, string? folder, string? destination, bool permanent, string? query, string? planId, int planned, bool undoable, long? undoOf, string summary, CancellationToken cancellationToken)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO journal(time, action, folder, destination, permanent, query, plan_id, planned, state, undoable, undo_of, summary)
            VALUES ($t, $a, $f, $d, $p, $q, $plan, $n, 'Applying', $u, $of, $s) RETURNING id;
            """;
        insert.Add("$t", Sql.ToUnixMs(now));
        insert.Add("$a", kind.ToString());
        insert.Add("$f", folder);
        insert.Add("$d", destination);
        insert.Add("$p", permanent ? 1 : 0);
        insert.Add("$q", cache.Codec.Seal(query, CacheColumn.ActionQuery, 0, 0));
        insert.Add("$plan", planId);
        insert.Add("$n", planned);
        insert.Add("$u", undoable ? 1 : 0);
        insert.Add("$of", undoOf);
        insert.Add("$s", cache.Codec.Seal(summary, CacheColumn.ActionSummary, 0, 0));
        return (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Closes a journal entry: its final counts and state; an undo also marks the entry it reversed.</summary>
    public async Task FinishJournalAsync(long id, int done, int missing, string state, string? summary, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = tx;
                command.CommandText = "UPDATE journal SET done = $d, missing = $m, state = $s, summary = coalesce($sum, summary) WHERE id = $id;";
                command.Add("$d", done);
                command.Add("$m", missing);
                command.Add("$s", state);
                command.Add("$sum", cache.Codec.Seal(summary, CacheColumn.ActionSummary, 0, 0));
                command.Add("$id", id);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var undone = connection.CreateCommand())
            {
                undone.Transaction = tx;
                undone.CommandText = "UPDATE journal SET undone_by = $id WHERE id = (SELECT undo_of FROM journal WHERE id = $id) AND $s IN ('Done', 'Interrupted');";
                undone.Add("$id", id);
                undone.Add("$s", state);
                await undone.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records flag changes the server confirmed, in the cache and the journal, in one transaction.</summary>
    public async Task RecordFlagsAsync(long journalId, string folder, uint uidValidity, IReadOnlyList<(uint Uid, string? MessageId, int Before, int After)> changes, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            using var update = connection.CreateCommand();
            update.Transaction = tx;
            update.CommandText = "UPDATE messages SET flags = $fl WHERE folder_id = (SELECT id FROM folders WHERE name = $f) AND uid = $u;";
            update.Add("$f", folder);
            var fl = update.Parameters.Add("$fl", SqliteType.Integer);
            var u = update.Parameters.Add("$u", SqliteType.Integer);
            using var journal = JournalInsert(connection, tx, journalId);
            foreach (var (uid, messageId, before, after) in changes)
            {
                fl.Value = after;
                u.Value = (long)uid;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await AddJournalItemAsync(journal, new JournalItem(folder, uid, uidValidity, messageId, before, after, null, null, null), cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Records messages the server moved (or copied): the journal rows, and for a move the cache rows follow to the
    /// destination under their new UIDs (bodies and index entries kept), in one transaction. An encrypted cache seals
    /// content to its row's folder and UID, so there the source rows go and the destination's sync brings them back.
    /// </summary>
    public async Task RecordTransferAsync(long journalId, bool moved, IReadOnlyList<JournalItem> items, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            using var journal = JournalInsert(connection, tx, journalId);
            if (moved && items.Count > 0)
            {
                var destination = items[0].ToFolder!;
                var destinationValidity = items[0].ToUidValidity ?? 0;
                long? folderId = null;
                using (var find = connection.CreateCommand())
                {
                    find.Transaction = tx;
                    find.CommandText = "SELECT id, uidvalidity FROM folders WHERE name = $n;";
                    find.Add("$n", destination);
                    using var r = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    if (!cache.Codec.IsEncrypted && await r.ReadAsync(cancellationToken).ConfigureAwait(false) && (r.GetInt64(1) == 0 || (uint)r.GetInt64(1) == destinationValidity))
                        folderId = r.GetInt64(0);
                }

                using var clear = connection.CreateCommand();
                clear.Transaction = tx;
                clear.CommandText = "DELETE FROM messages WHERE folder_id = $d AND uid = $nu;";
                var cd = clear.Parameters.Add("$d", SqliteType.Integer);
                var cu = clear.Parameters.Add("$nu", SqliteType.Integer);
                using var move = connection.CreateCommand();
                move.Transaction = tx;
                move.CommandText = "UPDATE messages SET folder_id = $d, uid = $nu WHERE folder_id = (SELECT id FROM folders WHERE name = $sf) AND uid = $su;";
                var md = move.Parameters.Add("$d", SqliteType.Integer);
                var mnu = move.Parameters.Add("$nu", SqliteType.Integer);
                var msf = move.Parameters.Add("$sf", SqliteType.Text);
                var msu = move.Parameters.Add("$su", SqliteType.Integer);
                using var drop = connection.CreateCommand();
                drop.Transaction = tx;
                drop.CommandText = "DELETE FROM messages WHERE folder_id = (SELECT id FROM folders WHERE name = $sf) AND uid = $su;";
                var dsf = drop.Parameters.Add("$sf", SqliteType.Text);
                var dsu = drop.Parameters.Add("$su", SqliteType.Integer);
                foreach (var item in items)
                {
                    if (folderId is { } id && item.ToUid is { } newUid)
                    {
                        cd.Value = id;
                        cu.Value = (long)newUid;
                        await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        md.Value = id;
                        mnu.Value = (long)newUid;
                        msf.Value = item.Folder;
                        msu.Value = (long)item.Uid;
                        await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        // The destination is not cached (or changed UIDVALIDITY): its next sync fetches the message.
                        dsf.Value = item.Folder;
                        dsu.Value = (long)item.Uid;
                        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            foreach (var item in items)
                await AddJournalItemAsync(journal, item, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records messages expunged for good: the journal rows, and the cache rows go, in one transaction.</summary>
    public async Task RecordExpungeAsync(long journalId, IReadOnlyList<JournalItem> items, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var tx = connection.BeginTransaction();
            using var journal = JournalInsert(connection, tx, journalId);
            using var drop = connection.CreateCommand();
            drop.Transaction = tx;
            drop.CommandText = "DELETE FROM messages WHERE folder_id = (SELECT id FROM folders WHERE name = $f) AND uid = $u;";
            var f = drop.Parameters.Add("$f", SqliteType.Text);
            var u = drop.Parameters.Add("$u", SqliteType.Integer);
            foreach (var item in items)
            {
                f.Value = item.Folder;
                u.Value = (long)item.Uid;
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await AddJournalItemAsync(journal, item, cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds journal rows without touching the cache (drafts: the next sync of Drafts brings them).</summary>
    public Task RecordItemsAsync(long journalId, IReadOnlyList<JournalItem> items, CancellationToken cancellationToken) =>
        RecordTransferAsync(journalId, false, items, cancellationToken);

    private static SqliteCommand JournalInsert(SqliteConnection connection, SqliteTransaction tx, long journalId)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO journal_items(journal_id, folder, uid, uidvalidity, message_id, flags_before, flags_after, to_folder, to_uid, to_uidvalidity)
            VALUES ($j, $f, $u, $v, $m, $fb, $fa, $tf, $tu, $tv);
            """;
        command.Add("$j", journalId);
        foreach (var name in new[] { "$f", "$u", "$v", "$m", "$fb", "$fa", "$tf", "$tu", "$tv" })
            command.Parameters.Add(name, SqliteType.Text);
        return command;
    }

    /// <summary>Message-IDs are mail content: an encrypted cache keeps them only sealed in the messages table, never in plans or the journal.</summary>
    private string? Plain(string? messageId) => cache.Codec.IsEncrypted ? null : messageId;

    private async Task AddJournalItemAsync(SqliteCommand command, JournalItem item, CancellationToken cancellationToken)
    {
        var p = command.Parameters;
        p["$f"].Value = item.Folder;
        p["$u"].Value = (long)item.Uid;
        p["$v"].Value = (long)item.UidValidity;
        p["$m"].Value = (object?)Plain(item.MessageId) ?? DBNull.Value;
        p["$fb"].Value = (object?)item.FlagsBefore ?? DBNull.Value;
        p["$fa"].Value = (object?)item.FlagsAfter ?? DBNull.Value;
        p["$tf"].Value = (object?)item.ToFolder ?? DBNull.Value;
        p["$tu"].Value = item.ToUid is { } tu ? (long)tu : DBNull.Value;
        p["$tv"].Value = item.ToUidValidity is { } tv ? (long)tv : DBNull.Value;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Journal entries, newest first.</summary>
    public async Task<List<JournalEntry>> ListJournalAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {JournalColumns} FROM journal ORDER BY id DESC LIMIT $l OFFSET $o;";
            command.Add("$l", limit);
            command.Add("$o", offset);
            return await ReadJournalAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One journal entry with its items: by id, by plan id, or (both null) the newest entry that is not an undo and not undone.</summary>
    public async Task<JournalEntry?> GetJournalAsync(long? id, string? planId, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            JournalEntry? entry;
            using (var command = connection.CreateCommand())
            {
                if (id is { } i)
                {
                    command.CommandText = $"SELECT {JournalColumns} FROM journal WHERE id = $id;";
                    command.Add("$id", i);
                }
                else if (planId is not null)
                {
                    command.CommandText = $"SELECT {JournalColumns} FROM journal WHERE plan_id = $p ORDER BY id DESC LIMIT 1;";
                    command.Add("$p", planId);
                }
                else
                {
                    command.CommandText = $"SELECT {JournalColumns} FROM journal WHERE action <> 'Undo' AND undone_by IS NULL ORDER BY id DESC LIMIT 1;";
                }

                entry = (await ReadJournalAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            }

            if (entry is null)
                return null;
            using var items = connection.CreateCommand();
            items.CommandText = "SELECT folder, uid, uidvalidity, message_id, flags_before, flags_after, to_folder, to_uid, to_uidvalidity FROM journal_items WHERE journal_id = $id ORDER BY rowid;";
            items.Add("$id", entry.Id);
            using var r = await items.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<JournalItem>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new JournalItem(
                    r.GetString(0),
                    (uint)r.GetInt64(1),
                    (uint)r.GetInt64(2),
                    Sql.ReadString(r, 3),
                    r.IsDBNull(4) ? null : r.GetInt32(4),
                    r.IsDBNull(5) ? null : r.GetInt32(5),
                    Sql.ReadString(r, 6),
                    r.IsDBNull(7) ? null : (uint)r.GetInt64(7),
                    r.IsDBNull(8) ? null : (uint)r.GetInt64(8)));
            }

            return entry with { Items = list };
        }
    }

    // Queries and summaries name senders and subjects: an encrypted cache seals them like the mail they describe.
    private async Task<List<JournalEntry>> ReadJournalAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<JournalEntry>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new JournalEntry(
                r.GetInt64(0),
                Sql.FromUnixMs(r.GetInt64(1)),
                Enum.Parse<ActionKind>(r.GetString(2)),
                Sql.ReadString(r, 3),
                Sql.ReadString(r, 4),
                r.GetInt64(5) != 0,
                cache.Codec.Open(r, 6, CacheColumn.ActionQuery, 0, 0),
                Sql.ReadString(r, 7),
                r.GetInt32(8),
                r.GetInt32(9),
                r.GetInt32(10),
                r.GetString(11),
                r.GetInt64(12) != 0,
                r.IsDBNull(13) ? null : r.GetInt64(13),
                r.IsDBNull(14) ? null : r.GetInt64(14),
                cache.Codec.OpenText(r, 15, CacheColumn.ActionSummary, 0, 0),
                []));
        }

        return list;
    }

    /// <summary>A created folder enters the cache at once (its first sync fills in the rest).</summary>
    public async Task AddFolderAsync(string name, char? delimiter, uint uidValidity, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO folders(name, role, delimiter, uidvalidity) VALUES ($n, 'None', $d, $v) ON CONFLICT(name) DO NOTHING;";
            command.Add("$n", name);
            command.Add("$d", delimiter?.ToString());
            command.Add("$v", (long)uidValidity);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A renamed folder (and its subfolders) keep their cached messages under the new names.</summary>
    public async Task RenameFolderAsync(string oldName, string newName, char delimiter, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE folders SET name = $new WHERE name = $old;
                UPDATE folders SET name = $new || substr(name, length($old) + 1) WHERE substr(name, 1, length($prefix)) = $prefix;
                """;
            command.Add("$old", oldName);
            command.Add("$new", newName);
            command.Add("$prefix", oldName + delimiter.ToString(CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A deleted folder leaves the cache with its messages.</summary>
    public async Task RemoveFolderAsync(string name, CancellationToken cancellationToken)
    {
        var connection = await cache.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM messages WHERE folder_id = (SELECT id FROM folders WHERE name = $n); DELETE FROM folders WHERE name = $n;";
            command.Add("$n", name);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
