using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Classification;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Query;

namespace ImapMcp.Mail.Tests.Support;

/// <summary>A cache in a temp folder, filled through the same writer sync uses.</summary>
internal sealed class TestCache : IAsyncDisposable
{
    private readonly string _directory;

    private TestCache(string directory, MailCache cache, MemorySecretStore secrets)
    {
        _directory = directory;
        Cache = cache;
        Secrets = secrets;
    }

    public MailCache Cache { get; }

    /// <summary>The cache file.</summary>
    public string Path => Cache.Path;

    /// <summary>The keychain holding an encrypted cache's key.</summary>
    public MemorySecretStore Secrets { get; }

    /// <summary>A new cache in a temp folder; <paramref name="encrypted"/> as with <c>"encrypt": true</c> (the key in <see cref="Secrets"/>).</summary>
    public static async Task<TestCache> CreateAsync(bool encrypted = false)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "imap-mcp-tests", Guid.NewGuid().ToString("N"));
        var secrets = new MemorySecretStore();
        var path = System.IO.Path.Combine(directory, "cache.db");
        var cache = await MailCache.OpenAsync(path, encrypted ? new CacheKeys(secrets, "test") : null, default);
        return new TestCache(directory, cache, secrets);
    }

    /// <summary>Opens the same file again, as a new process would.</summary>
    public Task<MailCache> ReopenAsync(bool encrypted) => MailCache.OpenAsync(Path, encrypted ? new CacheKeys(Secrets, "test") : null, default);

    /// <summary>Every file of the cache (database, WAL, shared memory) as bytes.</summary>
    public IEnumerable<(string File, byte[] Bytes)> Files() =>
        new[] { "", "-wal", "-shm" }.Select(s => Path + s).Where(File.Exists).Select(f => (f, File.ReadAllBytes(f)));

    public async Task AddAsync(string folder, params TestMessage[] messages)
    {
        await using var writer = await CacheWriter.OpenAsync(Cache, default);
        var role = folder switch
        {
            "INBOX" => FolderRole.Inbox,
            "Sent" => FolderRole.Sent,
            "Trash" => FolderRole.Trash,
            "Drafts" => FolderRole.Drafts,
            _ => FolderRole.None,
        };
        var state = await writer.UpsertFolderAsync(folder, role, '/', default);
        var records = messages.Select(m => m.ToRecord()).ToList();
        await writer.StoreHeadersAsync(state.Id, records, records.Max(r => r.Uid) + 1, null, default);
        var bodies = messages.Where(m => m.Body is not null).Select(m => (m.Uid, (string?)m.Body)).ToList();
        if (bodies.Count > 0)
            await writer.StoreBodiesAsync(state.Id, bodies, default);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record TestMessage(uint Uid, string From, string Subject, DateTimeOffset Date)
{
    public string To { get; init; } = "me@example.com";

    public string? FromName { get; init; }

    public int Flags { get; init; }

    public string? MessageId { get; init; }

    public string? InReplyTo { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Body { get; init; }

    public IReadOnlyList<AttachmentInfo> Attachments { get; init; } = [];

    public MessageRecord ToRecord()
    {
        var tos = To.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new MessageRecord
        {
            Uid = Uid,
            Flags = Flags,
            Date = Date,
            InternalDate = Date,
            Size = 1000 + (Body?.Length ?? 0),
            Subject = Subject,
            FromName = FromName,
            FromAddress = From.ToLowerInvariant(),
            ToList = To,
            Recipients = " " + string.Join(' ', tos.Select(t => t.ToLowerInvariant())) + " ",
            MessageId = MessageId,
            InReplyTo = InReplyTo,
            References = References,
            ListId = Headers.GetValueOrDefault("List-Id"),
            Classification = MessageClassifier.Classify(new ClassificationInput(From, FromName, Subject, Headers)),
            Attachments = Attachments,
        };
    }
}
