namespace ImapMcp.Mail.Internal;

/// <summary>The cache's tables. Message rows stay small (bodies live apart) so scans for analytics stay fast.</summary>
internal static class CacheSchema
{
    public const int Version = 3;

    /// <summary>An older cache is derived data: dropped and rebuilt from the server by the next sync.</summary>
    public const string DropAll = """
        DROP TRIGGER IF EXISTS messages_fts_delete;
        DROP TABLE IF EXISTS fts;
        DROP TABLE IF EXISTS message_refs;
        DROP TABLE IF EXISTS bodies;
        DROP TABLE IF EXISTS messages;
        DROP TABLE IF EXISTS folders;
        DROP TABLE IF EXISTS accounts;
        """;

    public const string Create = """
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
            to_list TEXT NOT NULL DEFAULT '',
            cc_list TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '',
            message_id TEXT,
            in_reply_to TEXT,
            refs TEXT,
            thread_root TEXT,
            list_id TEXT,
            class_headers TEXT,
            automated INTEGER NOT NULL DEFAULT 0,
            rule TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            category_rule TEXT NOT NULL DEFAULT '',
            has_attachments INTEGER NOT NULL DEFAULT 0,
            attachments TEXT,
            body_state INTEGER NOT NULL DEFAULT 0,
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

        CREATE INDEX IF NOT EXISTS ix_messages_date ON messages(date);
        CREATE INDEX IF NOT EXISTS ix_messages_folder_date ON messages(folder_id, date);
        CREATE INDEX IF NOT EXISTS ix_messages_from ON messages(from_addr, date);
        CREATE INDEX IF NOT EXISTS ix_messages_domain ON messages(from_domain, date);
        CREATE INDEX IF NOT EXISTS ix_messages_message_id ON messages(message_id);
        CREATE INDEX IF NOT EXISTS ix_messages_thread ON messages(thread_root);
        CREATE INDEX IF NOT EXISTS ix_messages_subject_norm ON messages(subject_norm);
        -- Only messages still waiting for a body, per folder in UID order: shrinks as the body phase progresses.
        CREATE INDEX IF NOT EXISTS ix_messages_need_body ON messages(folder_id, uid) WHERE body_state = 0;
        CREATE INDEX IF NOT EXISTS ix_messages_attachments ON messages(date) WHERE has_attachments = 1;
        CREATE INDEX IF NOT EXISTS ix_messages_unread ON messages(date) WHERE (flags & 1) = 0;
        CREATE INDEX IF NOT EXISTS ix_messages_category ON messages(category, date);
        CREATE INDEX IF NOT EXISTS ix_message_refs_ref ON message_refs(ref);
        CREATE INDEX IF NOT EXISTS ix_message_refs_message ON message_refs(message);
        """;
}
