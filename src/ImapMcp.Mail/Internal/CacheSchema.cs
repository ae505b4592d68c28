namespace ImapMcp.Mail.Internal;

/// <summary>The cache's tables. Message rows stay small (bodies live apart) so scans for analytics stay fast.</summary>
internal static class CacheSchema
{
    public const int Version = 7;

    /// <summary>
    /// An older cache is derived data: dropped and rebuilt from the server by the next sync. The actions' plans and
    /// journal (<see cref="ActionTables"/>) are not derived and survive.
    /// </summary>
    public const string DropAll = """
        DROP TRIGGER IF EXISTS messages_fts_delete;
        DROP TRIGGER IF EXISTS messages_first_copy;
        DROP TABLE IF EXISTS fts;
        DROP TABLE IF EXISTS message_refs;
        DROP TABLE IF EXISTS bodies;
        DROP TABLE IF EXISTS messages;
        DROP TABLE IF EXISTS folder_ranges;
        DROP TABLE IF EXISTS folders;
        DROP TABLE IF EXISTS accounts;
        DROP TABLE IF EXISTS cache_info;
        """;

    public const string Create = Tables + Indexes + ActionTables;

    public const string Tables = """
        -- key/value facts about the file itself; 'protection' says whether the mail in it is encrypted (see CacheCodec).
        CREATE TABLE IF NOT EXISTS cache_info(
            key TEXT PRIMARY KEY,
            value BLOB) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS accounts(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            host TEXT NOT NULL,
            user_name TEXT NOT NULL,
            created INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS folders(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL DEFAULT 'None',
            delimiter TEXT,
            uidvalidity INTEGER NOT NULL DEFAULT 0,
            -- every UID below synced_uidnext is in the cache (or expunged): the resume point of header sync
            synced_uidnext INTEGER NOT NULL DEFAULT 1,
            highestmodseq INTEGER NOT NULL DEFAULT 0,
            server_count INTEGER NOT NULL DEFAULT 0,
            server_uidnext INTEGER NOT NULL DEFAULT 0,
            last_synced INTEGER);

        -- The dates of a folder the cache holds in full (whole UTC days, by INTERNALDATE as IMAP SEARCH compares them):
        -- every message below synced_uidnext whose date is in a range is cached. Bounds are unix ms of midnights;
        -- the smallest and largest integers stand for "from the first message" and "on, including new mail".
        CREATE TABLE IF NOT EXISTS folder_ranges(
            folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            since INTEGER NOT NULL,
            before INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS messages(
            id INTEGER PRIMARY KEY,
            folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            uid INTEGER NOT NULL,
            flags INTEGER NOT NULL,
            keywords TEXT,
            modseq INTEGER NOT NULL DEFAULT 0,
            internal_date INTEGER,
            date INTEGER NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            subject TEXT NOT NULL DEFAULT '',
            subject_norm TEXT NOT NULL DEFAULT '',
            from_name TEXT,
            from_addr TEXT NOT NULL DEFAULT '',
            from_domain TEXT NOT NULL DEFAULT '',
            -- the domain's labels reversed (example.cloud.sns): a domain and its subdomains are one range of the index
            from_domain_key TEXT NOT NULL DEFAULT '',
            to_list TEXT NOT NULL DEFAULT '',
            cc_list TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '',
            message_id TEXT,
            in_reply_to TEXT,
            refs TEXT,
            thread_root TEXT,
            list_id TEXT,
            -- the List-Id's identifier with its labels reversed (example.weeklydev.weekly); NULL without a list
            list_key TEXT,
            -- 1 when an earlier-stored row has the same Message-ID (a copy in another folder): analytics count each message once
            is_copy INTEGER NOT NULL DEFAULT 0,
            class_headers TEXT,
            automated INTEGER NOT NULL DEFAULT 0,
            rule TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            category_rule TEXT NOT NULL DEFAULT '',
            has_attachments INTEGER NOT NULL DEFAULT 0,
            attachments TEXT,
            -- 0: body not fetched, the full-text row holds the header fields; -1: body not fetched and no full-text row yet
            -- (the sync fetches this body in the same run and indexes both at once; see CacheWriter.StoreHeadersAsync);
            -- 1: body stored and indexed; 2: the body could not be parsed (header fields indexed)
            body_state INTEGER NOT NULL DEFAULT 0,
            -- encrypted caches only (NULL otherwise): the sealed values behind the tokens in from_addr, message_id and rule
            from_addr_sealed BLOB,
            message_id_sealed BLOB,
            rule_sealed BLOB,
            UNIQUE(folder_id, uid));

        CREATE TABLE IF NOT EXISTS bodies(
            message INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            text TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS message_refs(
            message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            ref TEXT NOT NULL);

        CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
            subject, sender, recipients, body, list,
            content='', contentless_delete=1,
            tokenize='unicode61 remove_diacritics 2');

        CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
            DELETE FROM fts WHERE rowid = old.id;
        END;

        -- When the first stored copy of a Message-ID goes, the next one becomes the copy that counts.
        CREATE TRIGGER IF NOT EXISTS messages_first_copy AFTER DELETE ON messages
        WHEN old.is_copy = 0 AND old.message_id IS NOT NULL BEGIN
            UPDATE messages SET is_copy = 0 WHERE id = (SELECT min(id) FROM messages WHERE message_id = old.message_id);
        END;

        """;

    /// <summary>
    /// The secondary indexes. A first sync into an empty cache drops all but <c>ix_messages_date</c> (named by
    /// <c>INDEXED BY</c> in searches) and builds them once after the header phase: one sort per index instead of 300,000
    /// inserts at random places in each. Opening a writer creates any that are missing (a killed first sync).
    /// </summary>
    public const string Indexes = """
        CREATE INDEX IF NOT EXISTS ix_messages_date ON messages(date);
        CREATE INDEX IF NOT EXISTS ix_messages_folder_date ON messages(folder_id, date);
        CREATE INDEX IF NOT EXISTS ix_messages_from ON messages(from_addr, date);
        CREATE INDEX IF NOT EXISTS ix_messages_domain ON messages(from_domain_key, date);
        CREATE INDEX IF NOT EXISTS ix_messages_list ON messages(list_key, date) WHERE list_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_messages_message_id ON messages(message_id);
        CREATE INDEX IF NOT EXISTS ix_messages_thread ON messages(thread_root);
        CREATE INDEX IF NOT EXISTS ix_messages_subject_norm ON messages(subject_norm);
        -- Only messages still waiting for a body, per folder in UID order: shrinks as the body phase progresses.
        CREATE INDEX IF NOT EXISTS ix_messages_need_body ON messages(folder_id, uid) WHERE body_state = 0;
        -- Messages whose full-text row waits for their body (state -1): empty between syncs, so every check of it is free.
        CREATE INDEX IF NOT EXISTS ix_messages_unindexed ON messages(folder_id, uid) WHERE body_state < 0;
        CREATE INDEX IF NOT EXISTS ix_messages_attachments ON messages(date) WHERE has_attachments = 1;
        CREATE INDEX IF NOT EXISTS ix_messages_unread ON messages(date) WHERE (flags & 1) = 0;
        CREATE INDEX IF NOT EXISTS ix_messages_category ON messages(category, date);
        -- Sender analytics (MailAnalytics): each message once (not a copy), in date order, with every column the statistics
        -- group and count, so a window is one range of this index and the table is not read.
        CREATE INDEX IF NOT EXISTS ix_messages_received ON messages(date, folder_id, from_addr, flags, automated, from_domain, rule, category, uid)
            WHERE is_copy = 0;
        CREATE INDEX IF NOT EXISTS ix_message_refs_ref ON message_refs(ref);
        CREATE INDEX IF NOT EXISTS ix_message_refs_message ON message_refs(message);
        """;

    /// <summary>Plans (the exact UIDs a dry run previewed) and the journal of every change (src/ImapMcp.Mail/Actions).</summary>
    public const string ActionTables = """
        CREATE TABLE IF NOT EXISTS action_plans(
            id TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            destination TEXT,
            permanent INTEGER NOT NULL DEFAULT 0,
            query TEXT,
            total INTEGER NOT NULL,
            created INTEGER NOT NULL,
            expires INTEGER NOT NULL,
            -- set when applying starts: a plan applies at most once
            applied INTEGER);

        CREATE TABLE IF NOT EXISTS action_plan_items(
            plan_id TEXT NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            message_id TEXT);

        CREATE TABLE IF NOT EXISTS journal(
            id INTEGER PRIMARY KEY,
            time INTEGER NOT NULL,
            action TEXT NOT NULL,
            folder TEXT,
            destination TEXT,
            permanent INTEGER NOT NULL DEFAULT 0,
            query TEXT,
            plan_id TEXT,
            planned INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            missing INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL,
            undoable INTEGER NOT NULL,
            undone_by INTEGER,
            undo_of INTEGER,
            summary TEXT NOT NULL DEFAULT '');

        CREATE TABLE IF NOT EXISTS journal_items(
            journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
            folder TEXT NOT NULL,
            uid INTEGER NOT NULL,
            uidvalidity INTEGER NOT NULL,
            message_id TEXT,
            flags_before INTEGER,
            flags_after INTEGER,
            to_folder TEXT,
            to_uid INTEGER,
            to_uidvalidity INTEGER);

        CREATE INDEX IF NOT EXISTS ix_action_plan_items ON action_plan_items(plan_id, folder, uid);
        CREATE INDEX IF NOT EXISTS ix_journal_items ON journal_items(journal_id);
        CREATE INDEX IF NOT EXISTS ix_journal_plan ON journal(plan_id);
        """;

    /// <summary>
    /// Marks every stored copy but the first of each Message-ID (<c>is_copy</c>), for rows written while
    /// <c>ix_messages_message_id</c> was deferred by a bulk load and so stored without the mark. Idempotent.
    /// </summary>
    public const string MarkCopies = """
        UPDATE messages SET is_copy = 1
        WHERE is_copy = 0
          AND message_id IN (SELECT message_id FROM messages WHERE message_id IS NOT NULL GROUP BY message_id HAVING count(*) > 1)
          AND id > (SELECT min(id) FROM messages x WHERE x.message_id = messages.message_id);
        """;

    /// <summary>The indexes a bulk load leaves out until its end (see <see cref="Indexes"/>).</summary>
    public static IReadOnlyList<string> BulkLoadDeferred { get; } =
    [
        "ix_messages_folder_date", "ix_messages_from", "ix_messages_domain", "ix_messages_list", "ix_messages_message_id", "ix_messages_thread",
        "ix_messages_subject_norm", "ix_messages_need_body", "ix_messages_attachments", "ix_messages_unread", "ix_messages_category", "ix_messages_received",
        "ix_message_refs_ref", "ix_message_refs_message",
    ];
}
