namespace ImapMcp.Cli;

/// <summary>The --help pages: what each verb does, with examples a person can copy.</summary>
internal static class HelpText
{
    public const string Main = """
        imap-mcp — your IMAP mailbox, cached locally, for people and AI assistants.

        Mail is downloaded once into a local cache; every search, thread and statistic then runs on the
        cache, instantly, without touching the server. Nothing is ever sent.

        Usage: imap-mcp <verb> [options]        (imap-mcp <verb> --help for details)

        Serve your AI assistant (MCP)
          serve             the MCP server; also what 'imap-mcp --config FILE' without a verb does
                            stdio (default):   imap-mcp --config ~/.config/imap-mcp/config.json
                            HTTP:              imap-mcp serve --http 127.0.0.1:8765   (bearer token on stderr)
                            read-only unless --write (or "allowWrite": true in the config); see 'imap-mcp serve --help'

        Set up
          check-config      validate the config file and show each account (--example prints a starter config)
          set-password      store an account's password in the OS keychain (tested against the server first)
          delete-password   remove it from the keychain

        Keep the cache fresh
          sync              download new mail, flag changes and deletions; resumable, shows progress
          folders           folders with their role, message and unread counts

        Ask the cache
          search QUERY      e.g.  imap-mcp search 'from:ieee.org "reviewer panel"'
          show KEY          one message (KEY is FOLDER:UID, as search prints it)
          thread KEY        the whole conversation, Sent included
          unreplied         mail from people waiting for your answer (default: last 2 weeks)
          stats             top senders and domains, automated vs human, never-opened senders, volume

        Options for every verb
          --config FILE     the config (default: $IMAP_MCP_CONFIG, else ~/.config/imap-mcp/config.json)
          --account NAME    which account, when the config has several
          --json            machine-readable output for scripts

        Query language (search)
          from:ADDR to:ADDR cc:ADDR subject:WORDS  folder:NAME (or in:)  list:LIST-ID  category:NAME
          after:2024-03-01 before:2024-04-01  older_than:3m newer_than:2w  (h d w m y)
          is:unread is:read is:flagged is:answered is:automated is:human  has:attachment
          "exact phrase"  plain words (full text, accents ignored)  a OR b  -negation  ( grouping )
        """;

    public static string For(string verb) => verb switch
    {
        "serve" => """
            imap-mcp serve [--config FILE] [--http HOST:PORT [--token-env VAR] [--allow-remote]] [--write]
                           [--attachments-dir DIR] [--max-attachment-mb 25] [--no-sync] [--resync-minutes 15]

            Serves your mailbox to AI assistants over the Model Context Protocol. 'imap-mcp --config FILE' with no
            verb does the same; MCP clients (Claude, VS Code, Cursor, Windsurf) start it that way.

            The handshake answers at once from the local cache; sync runs in the background (a full sync at start
            and every --resync-minutes, INBOX watched live in between), and every answer says how fresh it is.

            Transports
              (default)            stdio: the protocol on stdin/stdout, logs on stderr
              --http HOST:PORT     Streamable HTTP at http://HOST:PORT/mcp (port 0 picks a free one). Loopback only
                                   unless --allow-remote. Clients send 'Authorization: Bearer TOKEN': the token is
                                   read from the variable named by --token-env, or generated and printed to stderr.

            What the assistant may do
              (default)            read-only: search, read, threads, unreplied, statistics, sync; tools that change
                                   the mailbox are not even listed
              --write              also the tools that change the mailbox (folders, flags, moves as previewed plans
                                   with undo, drafts); nothing ever sends mail. "allowWrite": true at the top of
                                   the config file does the same without the flag
              --attachments-dir D  the only folder save_attachment may write to (files are never overwritten)
              --max-attachment-mb N  largest attachment it saves (default 25)
              --no-sync            no background sync: serve the cache as it is until sync_now is called

            Examples
              claude mcp add imap-mcp -- imap-mcp --config ~/.config/imap-mcp/config.json
              IMAP_MCP_TOKEN=$(openssl rand -hex 24) imap-mcp serve --http 127.0.0.1:8765 --token-env IMAP_MCP_TOKEN
            """,
        "sync" => """
            imap-mcp sync [--folder NAME]... [--no-bodies] [--since DATE [--before DATE]]

            Brings the cache up to date with the server: headers of new mail in large batches, then flag changes
            and deletions (exact, via CONDSTORE/QRESYNC when the server has them), then text bodies by the
            account's "bodies" policy. Safe to interrupt: the next run resumes where this one stopped.

              --folder NAME    only this folder (repeatable)
              --no-bodies      headers only this time
              --since DATE     also load mail from DATE on, beyond the account's "headers" window (older mail)
              --before DATE    with --since: load only [--since, --before), the end excluded

            DATE is a day (2024-03-01), a month (2024-03) or a period back from now (2w, 3m, 1y; units h d w m y),
            taken as whole UTC days. Days the cache already holds in full are not fetched again.

            Examples:
              imap-mcp sync --account work
              imap-mcp sync --since 2y --before 1y        the year before last year, then search it
              imap-mcp sync --since 2023-01 --before 2023-07 --folder INBOX --json
            """,
        "search" => """
            imap-mcp search QUERY [--limit N] [--offset N] [--sort newest|oldest|relevance]

            Searches the cache. Prints the exact number of matches and one page of them; each line starts with
            the message KEY (FOLDER:UID) to pass to 'show' or 'thread'.

            Examples:
              imap-mcp search 'from:ieee.org "reviewer panel"'
              imap-mcp search 'is:unread is:human newer_than:2w'
              imap-mcp search 'list:github older_than:3m -is:flagged' --limit 100
              imap-mcp search '(from:alice OR from:bob) has:attachment after:2024-01-01'
            """,
        "show" => """
            imap-mcp show KEY

            One message from the cache: headers, the text body (HTML reduced to text) and the attachment list.
            KEY is FOLDER:UID as printed by search, e.g.  imap-mcp show 'INBOX/Conferences:4711'
            """,
        "thread" => """
            imap-mcp thread KEY

            The conversation KEY belongs to, oldest first, across all folders including Sent: linked by
            Message-ID, In-Reply-To and References, or by subject when a client dropped those headers.
            """,
        "unreplied" => """
            imap-mcp unreplied [--since 2w] [--limit N]

            Messages from people (not newsletters or notifications) addressed to you, in the window, with no
            later message from you in the same conversation. Your addresses come from "addresses" in the config.
            """,
        "stats" => """
            imap-mcp stats [--since 6m] [--top 20] [--min 3]

            Who emails you the most (senders and domains), the automated vs human share with the rule that
            classified each part, senders you never open (at least --min messages, none read), and volume by
            category and month.
            """,
        "folders" => """
            imap-mcp folders

            The cached folders with their role (inbox, sent, drafts, trash, archive, junk), message and unread
            counts, the server's count at the last sync, and when that was.
            """,
        "set-password" => """
            imap-mcp set-password [--account NAME] [--stdin]

            Reads the password without echo (or one line from standard input with --stdin), logs in to the
            server with it, and only if the login works stores it in the OS keychain (Secret Service on Linux,
            Keychain on macOS, Credential Manager on Windows). A wrong password stores nothing.

            Headless servers without a keychain may set IMAP_MCP_PASSWORD_<ACCOUNT> (or the variable named by
            "passwordEnv") instead — weaker: every process of yours can read it.
            """,
        "delete-password" => """
            imap-mcp delete-password [--account NAME]

            Removes the account's password from the OS keychain.
            """,
        "check-config" => """
            imap-mcp check-config [--example]

            Validates the config file. Every problem is listed with the field at fault and the fix. With
            --example, prints a starter config to copy. Providers with presets: gmail, outlook (Microsoft 365),
            fastmail, icloud, yahoo.
            """,
        _ => Main,
    };
}
