namespace TestHarness.Mail.Internal;

/// <summary>The random part of the mailbox: the category mix, threads, folders and flags.</summary>
internal sealed partial class MailboxBuilder
{
    private static readonly TimeSpan[] HumanOffsets =
        [TimeSpan.FromHours(-8), TimeSpan.FromHours(-7), TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(2), new(5, 30, 0), TimeSpan.FromHours(9)];

    /// <summary>The X-Mailer header of each kind of person, shared by all their messages.</summary>
    private static readonly KeyValuePair<string, string>[][] Mailers =
        [.. new[] { "Microsoft Outlook 16.0", "Apple Mail (2.3774.300.61.1.2)", "Mozilla Thunderbird", "iPhone Mail (21F90)" }.Select(m => new[] { new KeyValuePair<string, string>("X-Mailer", m) })];

    private sealed record Contact(GeneratedAddress Address, string Charset, string Language, TimeSpan Offset, KeyValuePair<string, string>[] Headers);

    // ---------------------------------------------------------------- people

    private List<Contact> Contacts()
    {
        var contacts = new List<Contact>();
        var used = new HashSet<string>(_plantedNames, StringComparer.Ordinal);
        while (contacts.Count < 40)
        {
            var name = $"{_rng.Pick(Corpus.FirstNames)} {_rng.Pick(Corpus.LastNames)}";
            if (!used.Add(name))
            {
                continue;
            }

            var parts = name.ToLowerInvariant().Split(' ');
            var roll = _rng.NextDouble();
            var address = roll < 0.45 ? $"{parts[0]}.{parts[1]}@{_ctx.CompanyDomain}"
                : roll < 0.75 ? $"{parts[0][0]}.{parts[1]}@{_rng.Pick(Corpus.PartnerDomains)}"
                : $"{parts[0]}{parts[1]}{_rng.Next(1, 99)}@{_rng.Pick(Corpus.PersonalDomains)}";
            contacts.Add(new Contact(Addr(name, address), "utf-8", "en", _rng.Pick(HumanOffsets), _rng.Pick(Mailers)));
        }

        foreach (var (name, local, domain, charset) in Corpus.InternationalPeople)
        {
            if (used.Add(name))
            {
                var language = local switch
                {
                    "jose.alvarez" => "es",
                    "d.sokolov" => "ru",
                    "kenji.yamada" => "ja",
                    "f.lefevre" => "fr",
                    "juergen.weiss" => "de",
                    _ => "en",
                };
                contacts.Add(new Contact(Addr(name, $"{local}@{domain}"), charset, language, _rng.Pick(HumanOffsets), _rng.Pick(Mailers)));
            }
        }

        return contacts;
    }

    private static readonly KeyValuePair<string, string>[] AutoSubmittedNo = [new("Auto-Submitted", "no"), new("X-Mailer", "Microsoft Outlook 16.0")];

    /// <summary>Conversations between the owner and people, all ending more than two weeks ago, plus a few drafts.</summary>
    private void GenerateHumans(int count)
    {
        var contacts = Contacts();
        var drafts = Math.Min(count, Math.Clamp(count / 100, 1, 20));
        var left = count - drafts;
        var latestEnd = _now.AddDays(-(WindowDays + 1));
        while (left > 0)
        {
            var contact = _rng.Pick(contacts);
            var budgetTopic = _rng.Chance(0.15);
            var topic = budgetTopic ? _rng.Pick(Corpus.BudgetTopics) : _rng.Pick(Corpus.HumanTopics);
            var length = 1;
            while (length < 6 && _rng.Chance(0.5))
            {
                length++;
            }

            length = Math.Min(length, left);
            left -= length;
            var gaps = new long[length];
            for (var i = 1; i < length; i++)
            {
                gaps[i] = gaps[i - 1] + _rng.Next(1_800, 3 * 86_400);
            }

            var t0 = RandomDate(_start, latestEnd.AddSeconds(-gaps[^1]), contact.Offset);
            var inboundFolder = budgetTopic ? BudgetFolder
                : (_now - t0).TotalDays > 365 && _rng.Chance(0.25) ? $"{Archive}/{t0.Year}"
                : _rng.Chance(0.02) ? ForgottenFolder
                : Inbox;
            var ownerStarts = _rng.Chance(0.2);
            var attachments = _rng.Chance(0.08);
            GeneratedMessage? previous = null;
            for (var i = 0; i < length; i++)
            {
                var fromOwner = i % 2 == 0 == ownerStarts;
                var ownerAddress = fromOwner && _rng.Chance(0.05) ? _ctx.OwnerAlias : _ctx.Owner;
                var date = t0.AddSeconds(gaps[i]);
                GeneratedMessage m;
                if (fromOwner)
                {
                    date = date.ToOffset(_ownerOffset);
                    m = previous is null
                        ? Person(ownerAddress, [contact.Address], topic, date, Sent, null)
                        : Reply(previous, ownerAddress, [previous.From], date, Sent, null);
                }
                else
                {
                    var to = _rng.Chance(0.1) ? _ctx.OwnerAlias : _ctx.Owner;
                    m = previous is null
                        ? Person(contact.Address, [to], topic, date, inboundFolder, null, null, contact.Charset, contact.Language)
                        : Reply(previous, contact.Address, [to], date, inboundFolder, null, null, contact.Charset, contact.Language);
                    m.Flags = (_rng.Chance(0.95) ? MailFlags.Seen : MailFlags.None) | (_rng.Chance(0.05) ? MailFlags.Flagged : MailFlags.None);
                    m.ExtraHeaders = _rng.Chance(0.05) ? AutoSubmittedNo : contact.Headers;
                    m.Shape = _rng.Chance(0.5) ? BodyShape.Alternative : BodyShape.PlainText;
                    if (attachments && i == 0)
                    {
                        m.Shape = BodyShape.MixedWithAttachments;
                        m.Attachments = [RandomAttachment()];
                    }
                }

                previous = m;
            }
        }

        for (var i = 0; i < drafts; i++)
        {
            var contact = _rng.Pick(contacts);
            var m = Person(_ctx.Owner, [contact.Address], _rng.Pick(Corpus.HumanTopics), RandomDate(_now.AddDays(-120), _now, _ownerOffset), Drafts, null);
            m.Flags = MailFlags.Draft | MailFlags.Seen;
        }
    }

    private GeneratedAttachment RandomAttachment() => _rng.Next(3) switch
    {
        0 => new GeneratedAttachment($"{_rng.Pick(Corpus.Words)}-notes.pdf", "application/pdf", _rng.Next(6_000, 60_000)),
        1 => new GeneratedAttachment($"screenshot-{_rng.Next(100, 999)}.png", "image/png", _rng.Next(4_000, 50_000)),
        _ => new GeneratedAttachment($"Q{_rng.Next(1, 5)}-numbers.pdf", "application/pdf", _rng.Next(8_000, 40_000)),
    };

    // ---------------------------------------------------------------- GitHub

    private void GenerateGitHub(int count)
    {
        var profiles = Senders.Of(MailCategory.GitHub);
        var seen = new HashSet<(string, bool, int)>();
        string[] reasons = ["subscribed", "subscribed", "mention", "author", "review_requested", "comment", "state_change"];
        while (count > 0)
        {
            var profile = PickWeighted(profiles);
            var ownerRepo = profile.ListName!;
            var slash = ownerRepo.IndexOf('/', StringComparison.Ordinal);
            var (repoOwner, repo) = (ownerRepo[..slash], ownerRepo[(slash + 1)..]);
            var pull = _rng.Chance(0.4);
            int number;
            do
            {
                number = _rng.Next(1, 6_000);
            }
            while (!seen.Add((ownerRepo, pull, number)));

            var bot = pull && _rng.Chance(0.3);
            var title = bot
                ? $"Bump {_rng.Pick(Corpus.Packages)} from {_rng.Next(1, 9)}.{_rng.Next(0, 20)}.{_rng.Next(0, 9)} to {_rng.Next(1, 9)}.{_rng.Next(0, 20)}.{_rng.Next(10, 30)}"
                : _rng.Pick(Corpus.IssueTitles);
            var kind = pull ? "pull" : "issues";
            var subject = $"[{ownerRepo}] {title} ({(pull ? "PR" : "Issue")} #{number})";
            var length = 1;
            while (length < 10 && _rng.Chance(0.55))
            {
                length++;
            }

            length = Math.Min(length, count);
            count -= length;
            var gaps = new long[length];
            for (var i = 1; i < length; i++)
            {
                gaps[i] = gaps[i - 1] + _rng.Next(300, 4 * 86_400);
            }

            var t0 = RandomDate(_start, _now.AddSeconds(-gaps[^1]), TimeSpan.Zero);
            var root = $"{ownerRepo}/{kind}/{number}@github.com";
            var folder = repo == "website" && _rng.Chance(0.7) ? WebsiteFolder : AutomatedFolder(profile, t0);
            var reason = _rng.Pick(reasons);
            for (var i = 0; i < length; i++)
            {
                var actor = i == 0 && bot ? "dependabot[bot]" : _rng.Pick(Corpus.GitHubActors);
                var date = t0.AddSeconds(gaps[i]);
                var m = New(MailCategory.GitHub, folder, Addr(actor, "notifications@github.com"), i == 0 ? subject : "Re: " + subject, date, profile);
                var commentId = _rng.Next(1_000_000_000, 2_100_000_000);
                m.MessageId = i == 0 ? root : $"{ownerRepo}/{kind}/{number}/{(pull && _rng.Chance(0.4) ? "review/" : "")}{commentId}@github.com";
                if (i > 0)
                {
                    m.InReplyTo = root;
                    m.References = [root];
                }

                m.To = [Addr(ownerRepo, $"{repo}@noreply.github.com")];
                m.Cc = [_ctx.Owner, Addr(ReasonLabel(reason), $"{reason}@noreply.github.com")];
                m.GitHubReason = reason;
                m.Detail = $"{actor}|{reason}|{ownerRepo}|{number}|{kind}|{commentId}";
                m.Flags = AutomatedFlags(profile, folder, date);
            }
        }
    }

    private static string ReasonLabel(string reason) => reason switch
    {
        "mention" => "Mention",
        "author" => "Author",
        "review_requested" => "Review requested",
        "comment" => "Comment",
        "state_change" => "State change",
        _ => "Subscribed",
    };

    // ---------------------------------------------------------------- monitoring

    private void GenerateMonitoring(int count)
    {
        var profiles = Senders.Of(MailCategory.Monitoring);
        while (count > 0)
        {
            var profile = PickWeighted(profiles);
            var alert = _rng.Pick(Corpus.AlertNames);
            var host = _rng.Pick(Corpus.Hosts);
            var env = _rng.Chance(0.7) ? "prod" : "staging";
            var severity = _rng.Chance(0.3) ? "critical" : "warning";
            var resolves = count > 1 && _rng.Chance(0.7);
            var pause = resolves ? _rng.Next(300, 4 * 3_600) : 0;
            var t0 = RandomDate(_start, _now.AddSeconds(-pause), TimeSpan.Zero);
            var folder = AutomatedFolder(profile, t0);
            var firing = Alert(profile, folder, alert, host, env, severity, firing: true, t0);
            count--;
            if (resolves)
            {
                var resolved = Alert(profile, folder, alert, host, env, severity, firing: false, t0.AddSeconds(pause));
                resolved.InReplyTo = firing.MessageId;
                resolved.References = [firing.MessageId!];
                count--;
            }
        }
    }

    private GeneratedMessage Alert(SenderProfile profile, string folder, string alert, string host, string env, string severity, bool firing, DateTimeOffset date)
    {
        var subject = profile.Kind switch
        {
            "grafana" => $"[{(firing ? "Alerting" : "OK")}] {alert} on {host}",
            "uptime" => $"Monitor is {(firing ? "DOWN" : "UP")}: https://{host}.{_ctx.CompanyDomain}/health",
            "sns" => $"{(firing ? "ALARM" : "OK")}: \"{alert}-{host}\" in EU (Frankfurt)",
            _ => firing ? $"[FIRING:1] {alert} {host} ({env})" : $"[RESOLVED] {alert} {host} ({env})",
        };
        var m = New(MailCategory.Monitoring, folder, profile.Address, subject, date, profile);
        m.To = [_ctx.Owner];
        m.MessageId = $"{_rng.Hex(20)}.{m.Sequence}@{profile.Domain}";
        m.Detail = $"{alert}|{host}|{env}|{severity}|{(firing ? "firing" : "resolved")}";
        m.Flags = AutomatedFlags(profile, folder, date);
        return m;
    }

    // ---------------------------------------------------------------- everything else

    private void GenerateSingles(MailCategory category, int count)
    {
        var profiles = Senders.Of(category);
        for (var i = 0; i < count; i++)
        {
            var profile = PickWeighted(profiles);
            var date = RandomDate(_start, _now, profile.Offset);
            var folder = AutomatedFolder(profile, date);
            var (subject, detail) = SubjectFor(profile, date);
            var m = New(category, folder, profile.Address, subject, date, profile);
            m.To = [category is MailCategory.Shopping or MailCategory.Travel && _rng.Chance(0.3) ? _ctx.OwnerAlias : _ctx.Owner];
            m.MessageId = $"{_rng.Hex(20)}.{m.Sequence}@{profile.Domain}";
            m.Detail = detail;
            m.Flags = AutomatedFlags(profile, folder, date);
            AddAttachments(m, profile, detail, date);
        }
    }

    private void AddAttachments(GeneratedMessage m, SenderProfile profile, string detail, DateTimeOffset date)
    {
        var d = detail.Split('|');
        GeneratedAttachment? attachment = profile.Kind switch
        {
            "statement" => new($"statement-{date:yyyy-MM}.pdf", "application/pdf", _rng.Next(20_000, 90_000)),
            "flight" when m.Shape == BodyShape.MixedWithAttachments => new($"boarding-pass-{d[1]}.pdf", "application/pdf", _rng.Next(30_000, 70_000)),
            "train" => new($"e-ticket-{d[1]}.pdf", "application/pdf", _rng.Next(20_000, 50_000)),
            "shop" when d[3] == "confirmed" && _rng.Chance(0.25) => new($"invoice-{d[0]}.pdf", "application/pdf", _rng.Next(10_000, 40_000)),
            "shop-de" when d[3] == "confirmed" => new($"Rechnung-Müller-{d[0]}.pdf", "application/pdf", _rng.Next(10_000, 40_000)),
            "calendar" when _rng.Chance(0.5) => new("invite.ics", "text/calendar", _rng.Next(900, 2_500)),
            _ => null,
        };
        if (attachment is not null)
        {
            m.Shape = BodyShape.MixedWithAttachments;
            m.Attachments = [attachment];
        }
        else if (m.Shape == BodyShape.MixedWithAttachments)
        {
            m.Shape = BodyShape.Alternative;
        }
    }

    private (string Subject, string Detail) SubjectFor(SenderProfile profile, DateTimeOffset date)
    {
        var person = $"{_rng.Pick(Corpus.FirstNames)} {_rng.Pick(Corpus.LastNames)}";
        var first = _ctx.OwnerFirstName;
        var month = Corpus.MonthNames[(date.Month + 10) % 12];
        var amount = $"{_rng.Next(3, 900)}.{_rng.Next(10, 99)}";
        var merchant = _rng.Pick(Corpus.Merchants);
        var city = _rng.Pick(Corpus.Cities);
        var reference = $"{(char)('A' + _rng.Next(26))}{(char)('A' + _rng.Next(26))}{_rng.Next(1000, 9999)}{(char)('A' + _rng.Next(26))}";
        switch (profile.Kind)
        {
            case "newsletter":
                var issue = _rng.Next(10, 400);
                var headline = _rng.Pick(Corpus.NewsletterHeadlines);
                return (_rng.Chance(0.2) ? $"🚀 {profile.Address.Name} #{issue}: {headline}" : $"{profile.Address.Name} #{issue}: {headline}", $"{issue}");
            case "newsletter-fr":
                return ($"La Lettre du Développeur n°{_rng.Next(10, 300)} : les nouveautés de la semaine", "");
            case "newsletter-ru":
                return ($"Дайджест {_rng.Next(10, 300)}: лучшее за неделю", "");
            case "ieee-announce":
                return (_rng.Next(3) switch
                {
                    0 => $"Call for Papers: IEEE International Conference on Software Quality (ICSQ {date.Year + 1})",
                    1 => $"IEEE Conference Alerts: {_rng.Next(3, 40)} new events in your field",
                    _ => "Become a reviewer for IEEE Access",
                }, "");
            case "ieee-xplore":
                return ($"IEEE Xplore alert: {_rng.Next(2, 30)} new articles match \"distributed systems\"", "");
            case "shop" or "shop-de" or "shop-ja":
                var order = $"{_rng.Next(100, 999)}-{_rng.Next(1000000, 9999999)}";
                var product = _rng.Pick(Corpus.Products);
                var stage = _rng.Pick((string[])["confirmed", "confirmed", "shipped", "delivered", "review"]);
                var detail = $"{order}|{product}|{amount}|{stage}";
                return profile.Kind switch
                {
                    "shop-de" => (stage == "confirmed" ? $"Bestellbestätigung {order}" : $"Ihre Bestellung {order} – Versandbestätigung", detail),
                    "shop-ja" => (stage == "confirmed" ? $"ご注文ありがとうございます（注文番号 {order}）" : "商品発送のお知らせ", detail),
                    _ => (stage switch
                    {
                        "confirmed" => $"Your order #{order} has been confirmed",
                        "shipped" => $"Your order #{order} has shipped",
                        "delivered" => "Your package has been delivered",
                        _ => $"How was your {product}?",
                    }, detail),
                };
            case "li-message":
                return (_rng.Chance(0.5) ? $"{person} sent you a message" : $"You have {_rng.Next(2, 9)} new messages", person);
            case "li-invite":
                return (_rng.Chance(0.6) ? $"{person} wants to connect" : $"{first}, you have {_rng.Next(2, 15)} new invitations", person);
            case "li-jobs":
                return ($"{_rng.Next(5, 60)} new jobs for \"Senior Software Engineer\" in {city}", city);
            case "li-notify":
                return (_rng.Chance(0.5) ? $"You appeared in {_rng.Next(3, 80)} searches this week" : $"{person} commented on your post", person);
            case "share":
                return ($"{person} shared \"{_rng.Pick(Corpus.HumanTopics)}\" with you", person);
            case "security":
                return (_rng.Next(3) switch
                {
                    0 => "Security alert: new sign-in on Linux",
                    1 => $"Your verification code is {_rng.Next(100000, 999999)}",
                    _ => "Your password was changed",
                }, "");
            case "meeting":
                return (_rng.Chance(0.5) ? "Your meeting recording is ready" : $"Reminder: {_rng.Pick(Corpus.HumanTopics)} starts in 15 minutes", "");
            case "calendar":
                var when = date.AddDays(_rng.Next(1, 10));
                return ($"{(_rng.Chance(0.7) ? "Invitation" : "Updated invitation")}: {_rng.Pick(Corpus.HumanTopics)} @ {when:ddd d MMM yyyy} {_rng.Next(8, 18)}:00 ({_ctx.Spec.OwnerAddress})", "");
            case "jira":
                var key = $"NW-{_rng.Next(100, 4000)}";
                return (_rng.Chance(0.6) ? $"[JIRA] ({key}) {_rng.Pick(Corpus.IssueTitles)}" : $"[JIRA] {person} mentioned you on {key}", key);
            case "bill":
                return ($"Your electricity bill for {month} is ready", amount);
            case "status":
                return (_rng.Chance(0.5) ? "[Resolved] Elevated error rates on the API" : "[Investigating] Degraded performance in EU region", "");
            case "bank":
                return (_rng.Next(3) switch
                {
                    0 => $"You paid {amount} € to {merchant}",
                    1 => $"Your {month} statement is ready",
                    _ => "Low balance alert",
                }, $"{amount}|{merchant}|{month}");
            case "payment":
                return (_rng.Chance(0.5) ? $"Receipt for your payment to {merchant}" : $"You sent {amount} € to {person}", $"{amount}|{merchant}|{month}");
            case "statement":
                return ($"Your {month} {date.Year} account statement", $"{amount}|{merchant}|{month}");
            case "flight":
                return (_rng.Next(3) switch
                {
                    0 => $"Your flight confirmation {reference}",
                    1 => $"Check in now for your flight to {city}",
                    _ => $"Your boarding pass for {city}",
                }, $"{city}|{reference}");
            case "hotel":
                return ($"Your booking at {_rng.Pick(Corpus.Hotels)}, {city} is confirmed", $"{city}|{reference}");
            case "train":
                return ($"Your e-ticket {reference}: {_rng.Pick(Corpus.Cities)} → {city}", $"{city}|{reference}");
            default:
                return (_rng.Pick(Corpus.SpamSubjects), "");
        }
    }

    private SenderProfile PickWeighted(SenderProfile[] profiles)
    {
        var total = profiles.Sum(p => p.Weight);
        var x = _rng.NextDouble() * total;
        foreach (var p in profiles)
        {
            x -= p.Weight;
            if (x < 0)
            {
                return p;
            }
        }

        return profiles[^1];
    }

    /// <summary>Where an automated message ends up: mostly INBOX, some archived by year, trashed or filed by rules.</summary>
    private string AutomatedFolder(SenderProfile profile, DateTimeOffset date)
    {
        if (profile.Category == MailCategory.Spam)
        {
            return Junk;
        }

        if (profile.Kind.StartsWith("ieee", StringComparison.Ordinal))
        {
            return _rng.Chance(0.9) ? IeeeFolder : Inbox;
        }

        var age = (_now - date).TotalDays;
        var trash = profile.Category is MailCategory.Newsletter or MailCategory.LinkedIn ? 0.04 : 0.01;
        if (_rng.Chance(trash))
        {
            return Trash;
        }

        if (profile.Category == MailCategory.Shopping && _rng.Chance(0.2))
        {
            return ReceiptsFolder;
        }

        if (profile.Category == MailCategory.Travel && _rng.Chance(0.35))
        {
            return TravelFolder;
        }

        if (age > 365 && _rng.Chance(0.3))
        {
            return $"{Archive}/{date.ToOffset(_ownerOffset).Year}";
        }

        if (age > 120 && _rng.Chance(0.03))
        {
            return Archive;
        }

        if (age > 365 && _rng.Chance(0.003))
        {
            return ForgottenFolder;
        }

        return Inbox;
    }

    private MailFlags AutomatedFlags(SenderProfile profile, string folder, DateTimeOffset date)
    {
        if (folder == Junk || profile.NeverOpened)
        {
            return MailFlags.None;
        }

        var age = (_now - date).TotalDays;
        var seen = _rng.Chance(age > 30 ? 0.92 : age > 7 ? 0.75 : 0.45) || folder == Trash;
        var flagged = _rng.Chance(profile.Category is MailCategory.Finance or MailCategory.Travel ? 0.04 : 0.003);
        return (seen ? MailFlags.Seen : MailFlags.None) | (flagged ? MailFlags.Flagged : MailFlags.None);
    }

    // ---------------------------------------------------------------- deliberately broken messages

    private void Malform()
    {
        var candidates = _messages
            .Where(m => m.Category is MailCategory.Newsletter or MailCategory.Shopping or MailCategory.Service or MailCategory.Spam or MailCategory.LinkedIn
                && m.InReplyTo is null && Charsets.IsAscii(m.Subject) && m.Charset == "utf-8")
            .ToList();
        var count = Math.Min(candidates.Count, Math.Clamp(_spec.Count / 2_500, 4, 40));
        Malformation[] kinds = [Malformation.BadDate, Malformation.BrokenBoundary, Malformation.MissingMessageId, Malformation.EightBitHeader];
        for (var i = 0; i < count; i++)
        {
            var pick = _rng.Next(candidates.Count);
            var m = candidates[pick];
            candidates.RemoveAt(pick);
            m.Malformation = kinds[i % kinds.Length];
            switch (m.Malformation)
            {
                case Malformation.BrokenBoundary:
                    m.Shape = BodyShape.MixedWithAttachments;
                    if (m.Attachments.Count == 0)
                    {
                        m.Attachments = [new GeneratedAttachment("details.pdf", "application/pdf", _rng.Next(3_000, 9_000))];
                    }

                    break;
                case Malformation.MissingMessageId:
                    m.MessageId = null;
                    break;
                case Malformation.EightBitHeader:
                    m.Subject += EightBitTail;
                    break;
            }
        }
    }
}
