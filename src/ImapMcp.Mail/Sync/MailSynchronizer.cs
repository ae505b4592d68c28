using System.Net.Sockets;
using ImapMcp.Mail.Cache;
using ImapMcp.Mail.Classification;
using ImapMcp.Mail.Configuration;
using ImapMcp.Mail.Internal;
using ImapMcp.Mail.Internal.Imap;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace ImapMcp.Mail.Sync;

/// <summary>
/// Brings the cache to the server's state: headers of new mail by UIDNEXT in large batches, flags and expunges by
/// CONDSTORE/QRESYNC (or a full compare without them), UIDVALIDITY resets, then text bodies by policy. Every batch commits
/// with the resume point it reaches, so a killed sync resumes without holes or duplicates. Dropped connections are retried.
/// </summary>
public sealed class MailSynchronizer
{
    private readonly AccountSettings _account;
    private readonly MailCache _cache;
    private readonly Func<CancellationToken, Task<ImapClient>> _connect;
    private readonly Func<CancellationToken, Task<string>>? _password;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a synchronizer; <paramref name="connect"/> returns a fresh authenticated client (see <see cref="ImapConnector"/>).</summary>
    public MailSynchronizer(AccountSettings account, MailCache cache, Func<CancellationToken, Task<ImapClient>> connect, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _account = account;
        _cache = cache;
        _connect = connect;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Creates a synchronizer that can fetch headers over a second, lean connection of its own (no client library; about
    /// as fast as the server sends): <paramref name="password"/> supplies the account's password for it. Without it, or
    /// when the server offers no login that connection speaks, headers come through <paramref name="connect"/>'s client.
    /// </summary>
    public MailSynchronizer(AccountSettings account, MailCache cache, Func<CancellationToken, Task<ImapClient>> connect, Func<CancellationToken, Task<string>> password, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(account, cache, connect, timeProvider, logger)
    {
        _password = password;
    }

    /// <summary>Runs one sync to completion (or cancellation); reports progress as it goes.</summary>
    public async Task<SyncReport> SyncAsync(SyncOptions? options = null, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (options is { Since: { } since, Before: { } before } && before <= since)
            throw new ArgumentException($"SyncOptions.Before ({before:yyyy-MM-dd}) must be later than Since ({since:yyyy-MM-dd}).", nameof(options));
        var run = new SyncRun(options ?? new SyncOptions(), progress, _time.GetTimestamp());
        var attempt = 0;
        while (true)
        {
            try
            {
                await RunOnceAsync(run, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsTransient(e) && attempt < run.Options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                attempt++;
                run.Retries++;
                var delay = run.Options.InitialBackoff * Math.Pow(2, attempt - 1);
                Log.Reconnecting(_logger, e.Message, delay, attempt, run.Options.MaxRetries);
                run.Report(SyncPhase.Retrying, null, 0, 0, 0, 0, 0, $"connection lost ({e.Message}); retrying in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        var report = new SyncReport(run.FolderCount, run.NewMessages, run.FlagUpdates, run.Expunged, run.Bodies, run.Resets, run.Retries, run.Problems, _time.GetElapsedTime(run.Started));
        run.Report(SyncPhase.Done, null, run.FolderCount, run.FolderCount, run.NewMessages, run.NewMessages, 0);
        return report;
    }

    private static bool IsTransient(Exception e) => e switch
    {
        MailConnectionException m => m.IsTransient,
        ImapProtocolException or ServiceNotConnectedException or IOException or SocketException => true,
        _ => false,
    };

    private async Task RunOnceAsync(SyncRun run, CancellationToken cancellationToken)
    {
        run.Report(SyncPhase.Connecting, null, 0, 0, 0, 0, 0);
        using var client = await _connect(cancellationToken).ConfigureAwait(false);
        try
        {
            await RunOnceAsync(client, run, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The lean session lives for one attempt: a retry after a dropped connection opens a fresh one.
            if (run.Lean is { } lean)
                await lean.DisposeAsync().ConfigureAwait(false);
            run.Lean = null;
            run.LeanTried = false;
        }
    }

    private async Task RunOnceAsync(ImapClient client, SyncRun run, CancellationToken cancellationToken)
    {
        if (client.Capabilities.HasFlag(ImapCapabilities.QuickResync))
            await client.EnableQuickResyncAsync(cancellationToken).ConfigureAwait(false);
        var qresync = client.Capabilities.HasFlag(ImapCapabilities.QuickResync);

        var writer = await CacheWriter.OpenAsync(_cache, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            await writer.EnsureAccountAsync(_account, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var folders = await ListFoldersAsync(client, run.Options, cancellationToken).ConfigureAwait(false);
            run.FolderCount = folders.Count;

            if (run.Options.Folders.Count == 0)
            {
                var names = folders.Select(f => f.Folder.FullName).ToHashSet(StringComparer.Ordinal);
                foreach (var stale in (await writer.GetFoldersAsync(cancellationToken).ConfigureAwait(false)).Where(c => !names.Contains(c.Name)))
                {
                    await writer.DeleteFolderAsync(stale.Id, cancellationToken).ConfigureAwait(false);
                    Log.FolderRemoved(_logger, stale.Name);
                }
            }

            var states = new Dictionary<string, FolderState>(StringComparer.Ordinal);
            var bulk = await writer.BeginBulkLoadAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < folders.Count; i++)
            {
                var (folder, role) = folders[i];
                var state = await writer.UpsertFolderAsync(folder.FullName, role, folder.DirectorySeparator, cancellationToken).ConfigureAwait(false);
                states[folder.FullName] = state;
                await SyncFolderAsync(folder, state, writer, qresync, run, i, cancellationToken).ConfigureAwait(false);
            }

            if (bulk)
                await writer.EndBulkLoadAsync(cancellationToken).ConfigureAwait(false);

            if (run.Options.Bodies && _account.Bodies.Mode != BodyPolicyMode.None)
                await SyncBodiesAsync(folders, states, writer, run, cancellationToken).ConfigureAwait(false);
            // Messages whose full-text row waited for a body this run did not fetch (a folder failed, or an earlier run stopped
            // between its phases and this one fetches no bodies) get it from their header fields now.
            await writer.IndexDeferredAsync(cancellationToken).ConfigureAwait(false);
            await writer.OptimizeAsync(cancellationToken).ConfigureAwait(false);
        }

        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<(IMailFolder Folder, FolderRole Role)>> ListFoldersAsync(ImapClient client, SyncOptions options, CancellationToken cancellationToken)
    {
        var ns = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        var subscribedOnly = _account.SubscribedOnly && _account.IncludeFolders.Count == 0;
        var listed = await client.GetFoldersAsync(ns, StatusItems.None, subscribedOnly, cancellationToken).ConfigureAwait(false);
        var all = listed
            .Where(f => !f.Attributes.HasFlag(FolderAttributes.NoSelect) && !f.Attributes.HasFlag(FolderAttributes.NonExistent))
            .ToList();
        if (!all.Any(f => string.Equals(f.FullName, "INBOX", StringComparison.OrdinalIgnoreCase)))
            all.Insert(0, client.Inbox);

        var configuredRoles = _account.FolderRoles.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        var result = new List<(IMailFolder, FolderRole)>();
        foreach (var folder in all)
        {
            var name = folder.FullName;
            if (_account.IncludeFolders.Count > 0 && !_account.IncludeFolders.Any(p => FolderPattern.Matches(p, name)) && !string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase))
                continue;
            if (_account.ExcludeFolders.Any(p => FolderPattern.Matches(p, name)))
                continue;
            if (options.Folders.Count > 0 && !options.Folders.Contains(name, StringComparer.Ordinal))
                continue;
            result.Add((folder, configuredRoles.TryGetValue(name, out var role) ? role : RoleOf(folder)));
        }

        // INBOX first: it is what people ask about while the rest is still syncing.
        return result.OrderBy(x => x.Item2 == FolderRole.Inbox ? 0 : 1).ThenBy(x => x.Item1.FullName, StringComparer.Ordinal).ToList();
    }

    private static FolderRole RoleOf(IMailFolder folder)
    {
        var a = folder.Attributes;
        if (string.Equals(folder.FullName, "INBOX", StringComparison.OrdinalIgnoreCase) || a.HasFlag(FolderAttributes.Inbox))
            return FolderRole.Inbox;
        if (a.HasFlag(FolderAttributes.Sent))
            return FolderRole.Sent;
        if (a.HasFlag(FolderAttributes.Drafts))
            return FolderRole.Drafts;
        if (a.HasFlag(FolderAttributes.Trash))
            return FolderRole.Trash;
        if (a.HasFlag(FolderAttributes.Junk))
            return FolderRole.Junk;
        if (a.HasFlag(FolderAttributes.Archive))
            return FolderRole.Archive;
        if (a.HasFlag(FolderAttributes.All))
            return FolderRole.All;
        if (a.HasFlag(FolderAttributes.Flagged))
            return FolderRole.Flagged;
        return FolderRole.None;
    }

    private async Task SyncFolderAsync(IMailFolder folder, FolderState state, CacheWriter writer, bool qresync, SyncRun run, int index, CancellationToken cancellationToken)
    {
        try
        {
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImapCommandException or FolderNotFoundException)
        {
            // Deleted or renamed between LIST and SELECT: the next sync sees the new truth.
            Log.FolderFailed(_logger, folder.FullName, e.Message);
            run.Problems.Add($"{folder.FullName}: {e.Message}");
            return;
        }

        try
        {
            var uidValidity = folder.UidValidity;
            var uidNext = folder.UidNext?.Id ?? 0;
            var highestModSeq = folder.HighestModSeq;
            var modSeqs = folder.Supports(FolderFeature.ModSequences) && highestModSeq > 0;

            if (state.UidValidity != 0 && state.UidValidity != uidValidity)
            {
                Log.FolderReset(_logger, folder.FullName, state.UidValidity, uidValidity);
                await writer.ResetFolderAsync(state.Id, uidValidity, cancellationToken).ConfigureAwait(false);
                state = state with { UidValidity = uidValidity, SyncedUidNext = 1, HighestModSeq = 0 };
                run.Resets++;
            }
            else if (state.UidValidity == 0)
            {
                // Recorded before the first batch, so a resumed sync knows which UIDVALIDITY its data belongs to.
                await writer.SetUidValidityAsync(state.Id, uidValidity, cancellationToken).ConfigureAwait(false);
            }

            var (ranges, gaps) = await PlanRangesAsync(state, writer, run, cancellationToken).ConfigureAwait(false);
            var reconciled = await ReconcileAsync(folder, state, writer, modSeqs, qresync, highestModSeq, run, index, cancellationToken).ConfigureAwait(false);
            var resume = await FetchNewAsync(folder, state, writer, modSeqs, uidNext, DayRange.Criteria(ranges), run, index, cancellationToken).ConfigureAwait(false);
            await LoadRangesAsync(folder, state, writer, modSeqs, gaps, Math.Max(uidNext, resume), run, index, cancellationToken).ConfigureAwait(false);

            // With a header window the cache holds fewer messages than the server by design; the count check is for full folders.
            var local = await writer.CountAsync(state.Id, cancellationToken).ConfigureAwait(false);
            if (!reconciled || (DayRange.Criteria(ranges) is null && local != folder.Count))
            {
                // Safety net (and the expunge check without QRESYNC): drop cached UIDs the server no longer has.
                var onServer = (await folder.SearchAsync(SearchQuery.All, cancellationToken).ConfigureAwait(false)).Select(u => u.Id).ToHashSet();
                var cached = await writer.GetUidsAsync(state.Id, cancellationToken).ConfigureAwait(false);
                var gone = cached.Where(c => !onServer.Contains(c.Uid)).Select(c => c.Uid).ToList();
                await writer.ApplyChangesAsync(state.Id, [], gone, cancellationToken).ConfigureAwait(false);
                run.Expunged += gone.Count;
            }

            await writer.CompleteFolderAsync(state.Id, uidValidity, Math.Max(uidNext, resume), highestModSeq, folder.Count, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (folder.IsOpen)
                await folder.CloseAsync(false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Brings flags and expunges of already-cached messages up to date; true when expunges are known exactly.</summary>
    private static async Task<bool> ReconcileAsync(IMailFolder folder, FolderState state, CacheWriter writer, bool modSeqs, bool qresync, ulong highestModSeq, SyncRun run, int index, CancellationToken cancellationToken)
    {
        if (state.SyncedUidNext <= 1)
            return true;
        var range = new UniqueIdRange(UniqueId.MinValue, new UniqueId(state.SyncedUidNext - 1));
        run.Report(SyncPhase.Changes, folder.FullName, index, run.FolderCount, 0, 0, 0);

        if (modSeqs && state.HighestModSeq > 0)
        {
            if (highestModSeq == state.HighestModSeq)
                return qresync;
            var vanished = new List<uint>();
            void OnVanished(object? sender, MessagesVanishedEventArgs e) => vanished.AddRange(e.UniqueIds.Select(u => u.Id));
            folder.MessagesVanished += OnVanished;
            IList<IMessageSummary> changed;
            try
            {
                var request = new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.ModSeq) { ChangedSince = state.HighestModSeq };
                changed = await folder.FetchAsync(range, request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                folder.MessagesVanished -= OnVanished;
            }

            var flags = changed.Where(s => s.UniqueId.Id < state.SyncedUidNext)
                .Select(s => new FlagChange(s.UniqueId.Id, SummaryConverter.FlagsOf(s.Flags), SummaryConverter.KeywordsOf(s.Keywords), s.ModSeq ?? 0)).ToList();
            var gone = vanished.Where(u => u < state.SyncedUidNext).Distinct().ToList();
            await writer.ApplyChangesAsync(state.Id, flags, gone, cancellationToken).ConfigureAwait(false);
            run.FlagUpdates += flags.Count;
            run.Expunged += gone.Count;
            return qresync;
        }

        // No mod-sequences to trust: fetch every cached message's flags and compare.
        var server = await folder.FetchAsync(range, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Flags), cancellationToken).ConfigureAwait(false);
        var byUid = new Dictionary<uint, (int Flags, string? Keywords)>(server.Count);
        foreach (var s in server)
            byUid[s.UniqueId.Id] = (SummaryConverter.FlagsOf(s.Flags), SummaryConverter.KeywordsOf(s.Keywords));
        var cached = await writer.GetUidsAsync(state.Id, cancellationToken).ConfigureAwait(false);
        var changes = new List<FlagChange>();
        var expunged = new List<uint>();
        foreach (var (uid, flagsValue, keywords) in cached)
        {
            if (!byUid.TryGetValue(uid, out var now))
                expunged.Add(uid);
            else if (now.Flags != flagsValue || now.Keywords != keywords)
                changes.Add(new FlagChange(uid, now.Flags, now.Keywords, 0));
        }

        await writer.ApplyChangesAsync(state.Id, changes, expunged, cancellationToken).ConfigureAwait(false);
        run.FlagUpdates += changes.Count;
        run.Expunged += expunged.Count;
        return true;
    }

    /// <summary>
    /// Fetches headers of every message at or above the resume point (within <paramref name="dates"/>, the folder's complete
    /// ranges, when a header window applies), batch by batch; returns the new resume point.
    /// </summary>
    private async Task<uint> FetchNewAsync(IMailFolder folder, FolderState state, CacheWriter writer, bool modSeqs, uint uidNext, SearchQuery? dates, SyncRun run, int index, CancellationToken cancellationToken)
    {
        var resume = state.SyncedUidNext;
        if (uidNext != 0 && uidNext <= resume)
            return resume;

        var query = SearchQuery.Uids(new UniqueIdRange(new UniqueId(resume), UniqueId.MaxValue));
        var found = await folder.SearchAsync(dates is null ? query : query.And(dates), cancellationToken).ConfigureAwait(false);
        var uids = found.Where(u => u.Id >= resume).Select(u => u.Id).Order().ToList();
        if (uids.Count == 0)
            return resume;

        // Inside a window the UIDs found are not contiguous: fetch exactly them, not the span between first and last.
        return await FetchHeadersAsync(folder, state, writer, modSeqs, uids, exact: dates is not null, moveResume: true, run, index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches and stores the headers of <paramref name="uids"/> (ascending), pipelined; returns the UID after the last.</summary>
    private async Task<uint> FetchHeadersAsync(IMailFolder folder, FolderState state, CacheWriter writer, bool modSeqs, List<uint> uids, bool exact, bool moveResume, SyncRun run, int index, CancellationToken cancellationToken)
    {
        var resume = state.SyncedUidNext;
        var items = modSeqs ? SummaryConverter.Items : SummaryConverter.Items & ~MessageSummaryItems.ModSeq;
        if (StructureFromBodies(run))
            items &= ~MessageSummaryItems.BodyStructure;
        var request = new FetchRequest(items, SummaryConverter.HeaderNames);
        var lean = await LeanSessionAsync(folder, run, cancellationToken).ConfigureAwait(false);
        var leanItems = LeanItems(items);
        if (lean is not null)
            Log.LeanFetchUsed(_logger, folder.FullName, uids.Count);
        var indexWithBody = BodiesFrom(run);
        var started = _time.GetTimestamp();
        long done = 0;
        run.Report(SyncPhase.Headers, folder.FullName, index, run.FolderCount, 0, uids.Count, 0);
        // Two-stage pipeline: while batch N is written (on the pool; SQLite calls are synchronous), batch N+1 is fetched
        // and converted. Writes stay in order, one at a time, each with its own resume point.
        Task? pendingWrite = null;
        var inJunk = state.Role == FolderRole.Junk;
        try
        {
            foreach (var chunk in uids.Chunk(run.Options.HeaderBatchSize))
            {
                var first = chunk[0];
                var last = chunk[^1];
                List<MessageRecord>? records = null;
                if (lean is not null)
                {
                    try
                    {
                        records = await FetchLeanAsync(lean, folder.FullName, exact ? UidSet(chunk) : $"{first}:{last}", leanItems, first, last, modSeqs, inJunk, run, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is FormatException or LeanImapCommandException)
                    {
                        // The server's responses did not parse, or it refused the command: this folder's remaining batches go through MailKit.
                        Log.LeanFetchSkipped(_logger, folder.FullName, e.Message);
                        lean = null;
                    }
                }

                if (records is null)
                {
                    IList<UniqueId> target = exact ? chunk.Select(u => new UniqueId(u)).ToList() : new UniqueIdRange(new UniqueId(first), new UniqueId(last));
                    var summaries = await folder.FetchAsync(target, request, cancellationToken).ConfigureAwait(false);
                    // Converted here, beside the fetch, so the writer's stage is SQLite alone: the two stages come out about even.
                    records = Convert(folder.FullName, summaries, first, last, modSeqs, inJunk, run);
                }

                if (pendingWrite is not null)
                    await pendingWrite.ConfigureAwait(false);
                var count = chunk.Length;
                resume = last + 1;
                var resumeAfter = moveResume ? resume : 0;
                pendingWrite = Task.Run(
                    async () =>
                    {
                        await writer.StoreHeadersAsync(state.Id, records, resumeAfter, indexWithBody, cancellationToken).ConfigureAwait(false);
                        done += count;
                        run.NewMessages += records.Count;
                        run.Report(SyncPhase.Headers, folder.FullName, index, run.FolderCount, done, uids.Count, Rate(done, started));
                    },
                    cancellationToken);
            }
        }
        finally
        {
            if (pendingWrite is not null)
                await pendingWrite.ConfigureAwait(false);
        }

        return resume;
    }

    /// <summary>
    /// The folder's complete date ranges (a new folder starts with the account's header window) and the gaps this run fills:
    /// a window widened in the config, or the range a host asked for with <see cref="SyncOptions.Since"/>/<see cref="SyncOptions.Before"/>.
    /// </summary>
    private async Task<(List<DayRange> Ranges, List<DayRange> Gaps)> PlanRangesAsync(FolderState state, CacheWriter writer, SyncRun run, CancellationToken cancellationToken)
    {
        var window = _account.HeaderWindow is { } w ? DayRange.Of(w.Before(_time.GetUtcNow()), null) : DayRange.Everything;
        var ranges = await writer.GetRangesAsync(state.Id, cancellationToken).ConfigureAwait(false);
        if (ranges.Count == 0)
        {
            // Recorded before the first batch, like UIDVALIDITY, so a resumed sync fetches the same window.
            await writer.AddRangeAsync(state.Id, window, cancellationToken).ConfigureAwait(false);
            ranges = [window];
        }

        var gaps = DayRange.Subtract(window, ranges);
        if (run.Options.Since is not null || run.Options.Before is not null)
            gaps.AddRange(DayRange.Subtract(DayRange.Of(run.Options.Since, run.Options.Before), ranges));
        return (ranges, DayRange.Merge(gaps));
    }

    /// <summary>
    /// Fills date gaps of a folder below <paramref name="upTo"/> (what this run's new-mail step reached): the messages dated in
    /// each gap that the cache lacks, then the gap is recorded as complete. The resume point does not move; a run killed
    /// mid-gap searches the gap again and skips what it already stored.
    /// </summary>
    private async Task LoadRangesAsync(IMailFolder folder, FolderState state, CacheWriter writer, bool modSeqs, List<DayRange> gaps, uint upTo, SyncRun run, int index, CancellationToken cancellationToken)
    {
        foreach (var gap in gaps)
        {
            if (upTo > 1)
            {
                SearchQuery query = SearchQuery.Uids(new UniqueIdRange(UniqueId.MinValue, new UniqueId(upTo - 1)));
                if (DayRange.Criteria([gap]) is { } dates)
                    query = query.And(dates);
                var found = await folder.SearchAsync(query, cancellationToken).ConfigureAwait(false);
                var cached = (await writer.GetUidsAsync(state.Id, cancellationToken).ConfigureAwait(false)).Select(c => c.Uid).ToHashSet();
                var uids = found.Select(u => u.Id).Where(u => u < upTo && !cached.Contains(u)).Order().ToList();
                if (uids.Count > 0)
                    await FetchHeadersAsync(folder, state, writer, modSeqs, uids, exact: true, moveResume: false, run, index, cancellationToken).ConfigureAwait(false);
            }

            await writer.AddRangeAsync(state.Id, gap, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// When every body will be downloaded anyway, the attachment list comes from the parsed message and the header FETCH
    /// skips BODYSTRUCTURE, the costliest item to parse (about a third of the header phase).
    /// </summary>
    private bool StructureFromBodies(SyncRun run) => run.Options.Bodies && _account.Bodies.Mode == BodyPolicyMode.All;

    /// <summary>The date from which this run's body phase fetches bodies (null: it fetches none), as the body phase computes it.</summary>
    private DateTimeOffset? BodiesFrom(SyncRun run) => !run.Options.Bodies ? null : _account.Bodies.Mode switch
    {
        BodyPolicyMode.All => DateTimeOffset.MinValue,
        BodyPolicyMode.Recent => _time.GetUtcNow().AddDays(-_account.Bodies.Days),
        _ => null,
    };

    private List<MessageRecord> Convert(string folder, IList<IMessageSummary> summaries, uint first, uint last, bool modSeqs, bool inJunk, SyncRun run)
    {
        var records = new List<MessageRecord>(summaries.Count);
        foreach (var s in summaries)
        {
            if (s.UniqueId.Id < first || s.UniqueId.Id > last)
                continue;
            try
            {
                records.Add(SummaryConverter.Convert(s, modSeqs, inJunk));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                records.Add(Unparsed(folder, SummaryConverter.FactsOf(s, modSeqs), e, run));
            }
        }

        return records;
    }

    /// <summary>A message whose headers would not convert, from either fetch path: logged, listed as a problem, stored minimally.</summary>
    private MessageRecord Unparsed(string folder, MessageFacts facts, Exception e, SyncRun run)
    {
        Log.Malformed(_logger, folder, facts.Uid, e.Message);
        lock (run.Problems)
            run.Problems.Add($"{folder}:{facts.Uid}: {e.Message}");
        return SummaryConverter.Fallback(facts);
    }

    /// <summary>
    /// The lean session, EXAMINEd on <paramref name="folder"/>, when the header FETCH may use it: opened on first use in a run,
    /// and only for a folder whose UIDVALIDITY it sees as MailKit's client does. Null means MailKit fetches the headers.
    /// </summary>
    private async Task<LeanImapSession?> LeanSessionAsync(IMailFolder folder, SyncRun run, CancellationToken cancellationToken)
    {
        if (_password is null || run.Options.MailKitHeaders)
            return null;
        if (!run.LeanTried)
        {
            run.LeanTried = true;
            string password;
            try
            {
                password = await _password(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The main connection logged in already; a keychain hiccup now costs the lean path, not the sync.
                Log.LeanFetchUnavailable(_logger, e.Message);
                return null;
            }

            run.Lean = await LeanImapSession.TryOpenAsync(_account, password, _logger, cancellationToken).ConfigureAwait(false);
        }

        if (run.Lean is not { } lean)
            return null;
        if (lean.Selected == folder.FullName && lean.SelectedUidValidity == folder.UidValidity)
            return lean;
        try
        {
            var uidValidity = await lean.ExamineAsync(folder.FullName, cancellationToken).ConfigureAwait(false);
            if (uidValidity == folder.UidValidity)
                return lean;
            Log.LeanFetchSkipped(_logger, folder.FullName, $"UIDVALIDITY {uidValidity} there, {folder.UidValidity} on the main connection");
        }
        catch (LeanImapCommandException e)
        {
            Log.LeanFetchSkipped(_logger, folder.FullName, e.Message);
        }

        return null;
    }

    /// <summary>The FETCH items MailKit sends for <paramref name="items"/> with the header names, spelled for the lean session.</summary>
    private static string LeanItems(MessageSummaryItems items)
    {
        var text = new System.Text.StringBuilder("(UID FLAGS INTERNALDATE RFC822.SIZE");
        if (items.HasFlag(MessageSummaryItems.ModSeq))
            text.Append(" MODSEQ");
        if (items.HasFlag(MessageSummaryItems.BodyStructure))
            text.Append(" BODYSTRUCTURE");
        text.Append(" BODY.PEEK[HEADER.FIELDS (");
        foreach (var name in SummaryConverter.HeaderNames)
            text.Append(name.ToUpperInvariant()).Append(' ');
        return text.Append("REFERENCES)])").ToString();
    }

    /// <summary>Ascending UIDs as a UID set with runs collapsed ("5:9,12,14:15").</summary>
    internal static string UidSet(uint[] uids)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < uids.Length; i++)
        {
            var start = uids[i];
            while (i + 1 < uids.Length && uids[i + 1] == uids[i] + 1)
                i++;
            if (text.Length > 0)
                text.Append(',');
            text.Append(start);
            if (uids[i] != start)
                text.Append(':').Append(uids[i]);
        }

        return text.ToString();
    }

    /// <summary>One header batch over the lean session, converted as it is read (no summary objects in between).</summary>
    private async Task<List<MessageRecord>> FetchLeanAsync(LeanImapSession lean, string folder, string uidSet, string items, uint first, uint last, bool modSeqs, bool inJunk, SyncRun run, CancellationToken cancellationToken)
    {
        var records = new List<MessageRecord>();
        await lean.FetchAsync(uidSet, items, m =>
        {
            if (m.Uid < first || m.Uid > last)
                return;
            var facts = new MessageFacts(m.Uid, m.Flags, m.Keywords, modSeqs ? m.ModSeq ?? 0 : 0, m.InternalDate, m.Size ?? 0);
            try
            {
                var fields = lean.ParseHeaders(m.Header!.Value);
                var attachments = m.Structure is { } structure ? BodyStructureReader.AttachmentsOf(structure.Span) : [];
                records.Add(SummaryConverter.Convert(facts, fields, attachments, inJunk));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                records.Add(Unparsed(folder, facts, e, run));
            }
        }, cancellationToken).ConfigureAwait(false);
        return records;
    }

    private async Task SyncBodiesAsync(List<(IMailFolder Folder, FolderRole Role)> folders, Dictionary<string, FolderState> states, CacheWriter writer, SyncRun run, CancellationToken cancellationToken)
    {
        // All bodies: no date bound, so the pending count is read from the partial index alone.
        var since = BodiesFrom(run) is { } from && from != DateTimeOffset.MinValue ? from : (DateTimeOffset?)null;
        var total = await writer.CountNeedingBodiesAsync(since, cancellationToken).ConfigureAwait(false);
        if (total == 0)
            return;
        var started = _time.GetTimestamp();
        long done = 0;
        for (var i = 0; i < folders.Count; i++)
        {
            var (folder, _) = folders[i];
            if (!states.TryGetValue(folder.FullName, out var state) || folder is not ImapFolder imap)
                continue;
            var pending = await writer.GetUidsNeedingBodiesAsync(state.Id, since, int.MaxValue, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
                continue;
            var opened = false;
            // Two-stage pipeline as in the header phase: batch N is stored (SQLite, FTS) on the pool while batch N+1 is
            // fetched and parsed. Each batch commits its own body_state marks, so a killed sync resumes where it stopped.
            Task? pendingWrite = null;
            try
            {
                await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken).ConfigureAwait(false);
                opened = true;
                foreach (var uids in pending.Chunk(run.Options.BodyBatchSize))
                {
                    var batch = await FetchBodiesAsync(imap, uids, run, cancellationToken).ConfigureAwait(false);
                    if (pendingWrite is not null)
                        await pendingWrite.ConfigureAwait(false);
                    var index = i;
                    pendingWrite = Task.Run(
                        async () =>
                        {
                            await writer.StoreBodiesAsync(state.Id, batch, cancellationToken).ConfigureAwait(false);
                            done += batch.Count;
                            run.Bodies += batch.Count(b => b.Text is not null);
                            run.Report(SyncPhase.Bodies, folder.FullName, index, folders.Count, done, total, Rate(done, started));
                        },
                        cancellationToken);
                }

            }
            catch (Exception e) when (e is ImapCommandException or FolderNotFoundException)
            {
                Log.FolderFailed(_logger, folder.FullName, e.Message);
                run.Problems.Add($"{folder.FullName}: bodies: {e.Message}");
            }
            finally
            {
                if (pendingWrite is not null)
                    await pendingWrite.ConfigureAwait(false);
                if (opened && folder.IsOpen)
                    await folder.CloseAsync(false, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Fetches and parses one batch of bodies; a UID the server did not return was expunged meanwhile and is marked so the phase moves on.</summary>
    private async Task<List<BodyRecord>> FetchBodiesAsync(ImapFolder folder, uint[] uids, SyncRun run, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<uint, (string? Text, List<Query.AttachmentInfo>? Attachments)>(uids.Length);
        var withAttachments = StructureFromBodies(run);
        var structureNeeded = new List<UniqueId>();
        await folder.GetStreamsAsync(uids.Select(u => new UniqueId(u)).ToList(), async (_, _, uid, stream, ct) =>
        {
            try
            {
                // Persistent: the parts' contents stay ranges of the fetched message's stream (valid for this callback, where
                // the text and the attachment list are taken) instead of copies of every part, attachments included.
                var message = await MimeMessage.LoadAsync(ParserOptions.Default, stream, persistent: stream.CanSeek, ct).ConfigureAwait(false);
                // A multipart whose boundary never appears parses into no parts: ask the server's BODYSTRUCTURE instead.
                var unreadable = message.Body is null or Multipart { Count: 0 };
                if (withAttachments && unreadable)
                    structureNeeded.Add(uid);
                texts[uid.Id] = (BodyText.Of(message), withAttachments && !unreadable ? BodyText.AttachmentsOf(message) : null);
            }
            catch (FormatException e)
            {
                Log.Malformed(_logger, folder.FullName, uid.Id, e.Message);
                lock (run.Problems)
                    run.Problems.Add($"{folder.FullName}:{uid.Id}: body: {e.Message}");
                if (withAttachments)
                    structureNeeded.Add(uid);
                texts[uid.Id] = (null, null);
            }
        }, cancellationToken).ConfigureAwait(false);

        if (structureNeeded.Count > 0)
        {
            foreach (var s in await folder.FetchAsync(structureNeeded, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure), cancellationToken).ConfigureAwait(false))
            {
                if (texts.TryGetValue(s.UniqueId.Id, out var t))
                    texts[s.UniqueId.Id] = (t.Text, SummaryConverter.AttachmentsOf(s));
            }
        }

        return uids.Select(u => texts.TryGetValue(u, out var t) ? new BodyRecord(u, t.Text, t.Attachments) : new BodyRecord(u, null, null)).ToList();
    }

    private double Rate(long done, long started)
    {
        var seconds = _time.GetElapsedTime(started).TotalSeconds;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /// <summary>Counters and the progress sink of one <see cref="SyncAsync"/> call, across retries.</summary>
    private sealed class SyncRun(SyncOptions options, IProgress<SyncProgress>? progress, long started)
    {
        public SyncOptions Options { get; } = options;

        public long Started { get; } = started;

        public int FolderCount { get; set; }

        public long NewMessages { get; set; }

        public long FlagUpdates { get; set; }

        public long Expunged { get; set; }

        public long Bodies { get; set; }

        public int Resets { get; set; }

        public int Retries { get; set; }

        public List<string> Problems { get; } = [];

        /// <summary>The lean header session of the current attempt (null until opened, or when it is unavailable).</summary>
        public LeanImapSession? Lean { get; set; }

        /// <summary>Whether this attempt already tried to open <see cref="Lean"/>.</summary>
        public bool LeanTried { get; set; }

        public void Report(SyncPhase phase, string? folder, int index, int count, long done, long total, double rate, string? note = null) =>
            progress?.Report(new SyncProgress(phase, folder, index, count, done, total, rate, note));
    }
}
