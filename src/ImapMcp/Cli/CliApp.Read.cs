using System.Globalization;
using ImapMcp.Mail.Query;

namespace ImapMcp.Cli;

internal sealed partial class CliApp
{
    private async Task<int> SearchAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        var query = string.Join(' ', cli.Positionals);
        var options = new QueryOptions
        {
            Limit = cli.IntOption("limit", 20, 1, QueryOptions.MaxLimit),
            Offset = cli.IntOption("offset", 0, 0, int.MaxValue),
            Sort = (cli.Option("sort") ?? "newest").ToLowerInvariant() switch
            {
                "newest" => SearchSort.Newest,
                "oldest" => SearchSort.Oldest,
                "relevance" => SearchSort.Relevance,
                var s => throw new UsageException($"--sort takes newest, oldest or relevance, not '{s}'"),
            },
        };
        using var account = await OpenAsync(cli, needsSecrets: false, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var result = await account.Queries.SearchAsync(query, options, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await WriteJsonAsync(result, CliJsonContext.Default.SearchResult).ConfigureAwait(false);
            return 0;
        }

        var last = result.Offset + result.Messages.Count;
        await _out.WriteLineAsync(result.Total == 0
            ? "No messages match."
            : string.Create(CultureInfo.InvariantCulture, $"{result.Total} messages match; showing {result.Offset + 1}–{last}.")).ConfigureAwait(false);
        if (result.Messages.Count > 0)
            await WriteMessagesAsync(result.Messages).ConfigureAwait(false);
        if (last < result.Total)
            await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"More: --offset {last}")).ConfigureAwait(false);
        return 0;
    }

    private async Task<int> ShowAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        var key = Key(cli);
        using var account = await OpenAsync(cli, needsSecrets: false, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var m = await account.Queries.GetMessageAsync(key, cancellationToken).ConfigureAwait(false);
        if (m is null)
        {
            await _error.WriteLineAsync($"imap-mcp: {key} is not in the cache (search prints valid keys; run 'imap-mcp sync' if it is new)").ConfigureAwait(false);
            return 1;
        }

        if (json)
        {
            await WriteJsonAsync(m, CliJsonContext.Default.MessageDetails).ConfigureAwait(false);
            return 0;
        }

        var s = m.Summary;
        await _out.WriteLineAsync($"""
            Key:      {s.Key}
            Date:     {Date(s.Date)}
            From:     {From(s)}
            To:       {s.To}
            """).ConfigureAwait(false);
        if (m.Cc.Length > 0)
            await _out.WriteLineAsync($"Cc:       {m.Cc}").ConfigureAwait(false);
        await _out.WriteLineAsync($"Subject:  {s.Subject}").ConfigureAwait(false);
        await _out.WriteLineAsync($"Class:    {(s.Automated ? "automated" : "human")}, {s.Category} — {m.ClassificationRule}").ConfigureAwait(false);
        foreach (var a in m.Attachments)
            await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Attached: {a.FileName} ({a.ContentType}, {a.Size / 1024.0:0.#} KB)")).ConfigureAwait(false);
        await _out.WriteLineAsync().ConfigureAwait(false);
        await _out.WriteLineAsync(m.BodyAvailable ? m.Body : "(the body is not cached yet: run 'imap-mcp sync', or widen \"bodies\" in the config)").ConfigureAwait(false);
        return 0;
    }

    private async Task<int> ThreadAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        var key = Key(cli);
        using var account = await OpenAsync(cli, needsSecrets: false, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var thread = await account.Queries.GetThreadAsync(key, cancellationToken).ConfigureAwait(false);
        if (thread is null)
        {
            await _error.WriteLineAsync($"imap-mcp: {key} is not in the cache").ConfigureAwait(false);
            return 1;
        }

        if (json)
        {
            await WriteJsonAsync(thread, CliJsonContext.Default.IReadOnlyListMessageItem).ConfigureAwait(false);
            return 0;
        }

        await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{thread.Count} messages in the conversation, oldest first:")).ConfigureAwait(false);
        await WriteMessagesAsync(thread).ConfigureAwait(false);
        return 0;
    }

    private async Task<int> UnrepliedAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        var since = Since(cli, "2w");
        var limit = cli.IntOption("limit", 200, 1, 10_000);
        using var account = await OpenAsync(cli, needsSecrets: false, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var list = await account.Queries.GetUnrepliedAsync(since, limit, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await WriteJsonAsync(list, CliJsonContext.Default.IReadOnlyListMessageItem).ConfigureAwait(false);
            return 0;
        }

        await _out.WriteLineAsync(list.Count == 0
            ? $"Nobody is waiting for an answer since {Date(since)}."
            : string.Create(CultureInfo.InvariantCulture, $"{list.Count} messages from people since {Date(since)} have no reply from you:")).ConfigureAwait(false);
        if (list.Count > 0)
            await WriteMessagesAsync(list).ConfigureAwait(false);
        return 0;
    }

    private async Task<int> StatsAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var json = cli.Flag("json");
        var since = Since(cli, "6m");
        var top = cli.IntOption("top", 20, 1, 1000);
        var min = cli.IntOption("min", 3, 1, 1_000_000);
        using var account = await OpenAsync(cli, needsSecrets: false, cancellationToken).ConfigureAwait(false);
        cli.RejectUnknown();
        var a = account.Analytics;
        var output = new StatsOutput(
            since,
            await a.GetTopSendersAsync(since, top, cancellationToken).ConfigureAwait(false),
            await a.GetTopDomainsAsync(since, top, cancellationToken).ConfigureAwait(false),
            await a.GetAutomationShareAsync(since, cancellationToken).ConfigureAwait(false),
            await a.GetNeverOpenedSendersAsync(since, min, top, cancellationToken).ConfigureAwait(false),
            await a.GetVolumeByCategoryAsync(since, cancellationToken).ConfigureAwait(false),
            await a.GetVolumeByMonthAsync(since, cancellationToken).ConfigureAwait(false));
        if (json)
        {
            await WriteJsonAsync(output, CliJsonContext.Default.StatsOutput).ConfigureAwait(false);
            return 0;
        }

        var auto = output.Automation;
        await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Since {Date(since)}: {auto.Total} messages received, {Percent(auto.AutomatedFraction)} automated, {Percent(auto.Total == 0 ? 0 : (double)auto.Human / auto.Total)} from people.\n")).ConfigureAwait(false);

        await _out.WriteLineAsync("Top senders").ConfigureAwait(false);
        var senders = new Table("MESSAGES", "UNREAD", "SENDER", "KIND", "CATEGORY", "WHY");
        foreach (var s in output.TopSenders)
            senders.Add(N(s.Messages), N(s.Unread), string.IsNullOrEmpty(s.Name) ? s.Address : $"{s.Name} <{s.Address}>", s.Automated ? "automated" : "human", s.Category, s.Rule);
        senders.WriteTo(_out);

        await _out.WriteLineAsync("\nTop domains").ConfigureAwait(false);
        var domains = new Table("MESSAGES", "SENDERS", "UNREAD", "AUTOMATED", "DOMAIN");
        foreach (var d in output.TopDomains)
            domains.Add(N(d.Messages), N(d.Senders), N(d.Unread), N(d.Automated), d.Domain);
        domains.WriteTo(_out);

        await _out.WriteLineAsync("\nBy category").ConfigureAwait(false);
        var categories = new Table("MESSAGES", "SHARE", "CATEGORY");
        foreach (var c in output.Categories)
            categories.Add(N(c.Messages), Percent(c.Share), c.Category);
        categories.WriteTo(_out);

        await _out.WriteLineAsync("\nWhat decided automated vs human").ConfigureAwait(false);
        var rules = new Table("MESSAGES", "SENDERS", "KIND", "RULE");
        foreach (var r in auto.ByRule.Take(top))
            rules.Add(N(r.Messages), N(r.Senders), r.Automated ? "automated" : "human", r.Rule);
        rules.WriteTo(_out);

        await _out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"\nSenders you never open (at least {min} messages, none read)")).ConfigureAwait(false);
        if (output.NeverOpened.Count == 0)
        {
            await _out.WriteLineAsync("  none").ConfigureAwait(false);
        }
        else
        {
            var never = new Table("MESSAGES", "SENDER", "CATEGORY");
            foreach (var s in output.NeverOpened)
                never.Add(N(s.Messages), s.Address, s.Category);
            never.WriteTo(_out);
        }

        await _out.WriteLineAsync("\nBy month").ConfigureAwait(false);
        var months = new Table("MONTH", "MESSAGES", "LARGEST CATEGORIES");
        foreach (var g in output.Months.GroupBy(m => m.Month))
            months.Add(g.Key, N(g.Sum(x => x.Messages)), string.Join(", ", g.Take(3).Select(x => $"{x.Category} {x.Messages}")));
        months.WriteTo(_out);
        return 0;
    }

    private static MessageKey Key(CliArguments cli)
    {
        if (cli.Positionals.Count != 1 || !MessageKey.TryParse(cli.Positionals[0], out var key))
            throw new UsageException("give one message KEY as FOLDER:UID, as search prints it, e.g. 'INBOX:4711'");
        return key;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
