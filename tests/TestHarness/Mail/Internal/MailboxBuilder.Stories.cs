namespace TestHarness.Mail.Internal;

/// <summary>The planted stories: fixed people, fixed words, dates relative to now.</summary>
internal sealed partial class MailboxBuilder
{
    private static readonly TimeSpan Pacific = TimeSpan.FromHours(-7);
    private static readonly TimeSpan Eastern = TimeSpan.FromHours(-4);

    private IeeeInvitationStory PlantIeee()
    {
        var priya = Addr("Dr. Priya Raman", "priya.raman@ieee.org");
        var osei = Addr("Michael Osei", "m.osei@ieee.org");
        var owner = _ctx.Owner;
        var sent = Ago(118, 9, 42, Eastern);
        var deadline = sent.AddDays(30).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var invitation = Person(priya, [owner], "Invitation to join the IEEE Software Engineering Reviewer Panel", sent, ForgottenFolder,
            $"Dear Dr. {LastName(owner)},\n\n" +
            "On behalf of the IEEE Computer Society, I am pleased to invite you to join the IEEE Software Engineering " +
            "Reviewer Panel for the 2025–2026 term. Panel members review four to six submissions per year in their area " +
            "of expertise and are acknowledged in the annual reviewer list.\n\n" +
            "The terms of reference are attached. Please confirm your participation by replying to this email before " +
            $"{deadline}.\n\n" +
            "With kind regards,\nDr. Priya Raman\nReviewer Panel Chair, IEEE Computer Society");
        invitation.Flags = MailFlags.Seen;
        invitation.Shape = BodyShape.MixedWithAttachments;
        invitation.Attachments = [new GeneratedAttachment("Reviewer-Panel-Terms-of-Reference.pdf", "application/pdf", 48_213)];

        var reminder = Reply(invitation, priya, [owner], Ago(102, 14, 5, Eastern), ForgottenFolder,
            $"Dear Dr. {LastName(owner)},\n\n" +
            "I wanted to follow up on my invitation below to join the IEEE Software Engineering Reviewer Panel. " +
            "We would be delighted to have you on board; the first review cycle opens next month.\n\n" +
            "Best regards,\nPriya");

        var onboarding = Reply(reminder, osei, [owner], Ago(91, 11, 30, Eastern), ForgottenFolder,
            $"Dear Dr. {LastName(owner)},\n\n" +
            "Priya asked me to send you the onboarding details for the reviewer panel. We have extended the " +
            $"confirmation deadline to {sent.AddDays(45).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}; " +
            "a short reply to this thread is all we need.\n\n" +
            "Kind regards,\nMichael Osei\nIEEE Publications Operations", cc: [priya]);

        return new IeeeInvitationStory(invitation, [reminder, onboarding]);
    }

    private BudgetThreadStory PlantBudget()
    {
        var company = _ctx.CompanyDomain;
        var sarah = Addr("Sarah Chen", $"sarah.chen@{company}");
        var mark = Addr("Mark Davis", $"mark.davis@{company}");
        var owner = _ctx.Owner;
        var first = _ctx.OwnerFirstName;

        var ask = Person(sarah, [owner], "Q3 budget review", Ago(9, 10, 5, Pacific), Inbox,
            $"Hi {first},\n\n" +
            "Finance wants the Q3 budget review wrapped up before the end of the month. I've attached the draft " +
            "numbers; the main open items are the cloud hosting overrun and the two contractor renewals.\n\n" +
            "Can we find an hour next week to go through it together?\n\n" +
            "Thanks,\nSarah", cc: [mark]);
        ask.Flags = MailFlags.Seen;
        ask.Shape = BodyShape.MixedWithAttachments;
        ask.Attachments = [new GeneratedAttachment("Q3-budget-draft.pdf", "application/pdf", 31_774)];

        var answer = Reply(ask, owner, [sarah], Ago(8, 16, 20, Pacific), Sent,
            "Hi Sarah,\n\n" +
            "Sure, next week works for me. Which day suits you best? I'd like Mark to walk us through the hosting " +
            $"numbers.\n\n{first}\n\n" +
            "> Can we find an hour next week to go through it together?", cc: [mark]);

        var proposal = Reply(answer, sarah, [owner], Ago(2, 9, 12, Pacific), Inbox,
            $"Hi {first},\n\n" +
            "How about Thursday at 2pm? I've booked the small conference room on the 4th floor, and Mark will join " +
            "to walk us through the hosting numbers.\n\n" +
            "Let me know if that works.\n\n" +
            "Sarah\n\n" +
            "> Sure, next week works for me. Which day suits you best?", cc: [mark]);

        var oldAsk = Person(sarah, [owner], "Q2 budget review", Ago(200, 11, 0, Pacific), BudgetFolder,
            $"Hi {first},\n\nTime for the Q2 budget review. How about Tuesday at 10am?\n\nSarah");
        oldAsk.Flags = MailFlags.Seen;
        var oldAnswer = Reply(oldAsk, owner, [sarah], Ago(200, 15, 30, Pacific), Sent,
            "Tuesday at 10am works. See you then.\n\n" + first);
        var oldThanks = Reply(oldAnswer, sarah, [owner], Ago(199, 9, 0, Pacific), BudgetFolder,
            "Great, see you Tuesday at 10am.\n\nSarah");
        oldThanks.Flags = MailFlags.Seen;

        _plantedNames.UnionWith(["Sarah Chen", "Mark Davis", "Priya Raman", "Michael Osei"]);
        return new BudgetThreadStory(sarah, [ask, answer, proposal], [oldAsk, oldAnswer, oldThanks]);
    }

    private UnrepliedStory PlantUnreplied()
    {
        var company = _ctx.CompanyDomain;
        var owner = _ctx.Owner;
        var first = _ctx.OwnerFirstName;
        var unanswered = new List<GeneratedMessage>();
        var answered = new List<GeneratedMessage>();
        var replies = new List<GeneratedMessage>();

        GeneratedMessage Ask(string name, string address, string subject, int days, int hour, string body, MailFlags flags,
            string folder = Inbox, string charset = "utf-8", string language = "en", IReadOnlyList<GeneratedAddress>? to = null, IReadOnlyList<GeneratedAddress>? cc = null)
        {
            _plantedNames.Add(name);
            var m = Person(Addr(name, address), to ?? [owner], subject, Ago(days, hour, 17 + (days * 7 % 40), Pacific), folder, body, cc, charset, language);
            m.Flags = flags;
            return m;
        }

        // Waiting for an answer.
        var feedback = Ask("Daniel Kim", $"daniel.kim@{company}", "Feedback on the onboarding doc?", 1, 8,
            $"Hi {first},\n\nCould you take a look at the onboarding doc I shared and send me your feedback by Friday? " +
            "I'd like to send it to the new hires on Monday.\n\nThanks,\nDaniel", MailFlags.None);
        unanswered.Add(feedback);
        var draft = Reply(feedback, owner, [feedback.From], Ago(1, 17, 45, Pacific), Drafts,
            "Hi Daniel,\n\nI read the first half and");
        draft.Flags = MailFlags.Draft | MailFlags.Seen;

        unanswered.Add(Ask("Laura Bianchi", "laura.bianchi@devconf.example", "Confirming your talk slot at DevConf", 3, 11,
            $"Dear {first},\n\nWe need you to confirm your talk slot (Day 2, 11:30, Hall B) by the end of the week so " +
            "we can print the programme.\n\nBest regards,\nLaura Bianchi\nDevConf programme committee", MailFlags.Seen | MailFlags.Flagged));
        unanswered.Add(Ask("Tom Becker", "tom.becker@contoso.example", "Question about invoice #4821", 4, 15,
            $"Hello {first},\n\nInvoice #4821 lists 42 hours, but our purchase order covers 40. Could you clarify " +
            "before our accounts team pays it?\n\nRegards,\nTom Becker\nContoso Ltd.", MailFlags.Seen));
        unanswered.Add(Ask("Дмитрий Соколов", "d.sokolov@mailbox.example", "Вопрос по интеграции API", 5, 10,
            $"Привет, {first}!\n\nПодскажи, пожалуйста, когда будет готова новая версия API? Нам нужно успеть к релизу.\n\nСпасибо,\nДмитрий",
            MailFlags.None, charset: "koi8-r", language: "ru"));
        unanswered.Add(Ask("José Álvarez", "jose.alvarez@partner.example", "Reunión de seguimiento / follow-up meeting", 6, 9,
            $"Hola {first},\n\n¿Podemos fijar la reunión de seguimiento para la semana que viene? Could we schedule the " +
            "follow-up meeting for next week?\n\nSaludos,\nJosé", MailFlags.Seen, charset: "iso-8859-1", language: "es"));
        unanswered.Add(Ask("Emma Wilson", $"emma.wilson@{company}", "Can you cover the on-call shift on Saturday?", 7, 13,
            $"Hi {first},\n\nSomething came up this weekend. Can you cover my on-call shift on Saturday? I'll take one " +
            "of yours next month.\n\nEmma", MailFlags.Seen | MailFlags.Flagged));
        unanswered.Add(Ask("Ravi Patel", "ravi.patel@contoso.example", "Website launch checklist", 8, 16,
            $"Hi {first},\n\nAttached is the launch checklist. Can you confirm the DNS cut-over time on your side?\n\nRavi",
            MailFlags.None, folder: WebsiteFolder));
        var logo = Ask("Zoë Brontë", "zoe@bronte-design.example", "Logo drafts – which one do you prefer?", 10, 12,
            $"Hi {first},\n\nHere are three logo drafts. Which one do you prefer? I’d like to finalise them this week.\n\nZoë",
            MailFlags.Seen, charset: "windows-1252");
        logo.Shape = BodyShape.MixedWithAttachments;
        logo.Attachments = [new GeneratedAttachment("logo-drafts.png", "image/png", 18_432)];
        unanswered.Add(logo);
        unanswered.Add(Ask("山田 健二", "kenji.yamada@tokyo-partners.example", "来週の打ち合わせについて", 12, 10,
            $"{first} さん\n\n来週の打ち合わせの日程をご確認いただけますか。\n\nよろしくお願いいたします。\n山田", MailFlags.Seen,
            charset: "shift_jis", language: "ja"));
        unanswered.Add(Ask("Olivia Martin", $"olivia.martin@{company}", "Volunteers for the hiring panel?", 13, 9,
            "Hi all,\n\nWe need two more volunteers for the hiring panel next month. Reply to me if you can help.\n\nOlivia",
            MailFlags.Seen, to: [Addr("Engineering", $"engineering@{company}")], cc: [owner]));

        // A thread answered once, then a follow-up that is still waiting.
        var intro = Ask("Marcus Lee", "marcus.lee@startup.example", "Intro: Alex <> Marcus (data platform)", 11, 14,
            $"Hi {first},\n\nA mutual friend suggested we talk about your data platform work. Would you be open to a " +
            "short call?\n\nMarcus", MailFlags.Seen);
        answered.Add(intro);
        var introReply = Reply(intro, owner, [intro.From], Ago(10, 9, 5, Pacific), Sent,
            "Hi Marcus,\n\nHappy to. Send me a couple of times that work for you.\n\n" + first);
        replies.Add(introReply);
        var followUp = Reply(introReply, intro.From, [owner], Ago(5, 15, 40, Pacific), Inbox,
            $"Thanks {first}! Would Tuesday or Wednesday afternoon work for a 30-minute call?\n\nMarcus");
        unanswered.Add(followUp);

        // Answered: the reply is in Sent, and the message is flagged \Answered.
        (string Name, string Address, string Subject, int Days, string Body, bool FromAlias)[] done =
        [
            ("Hannah Schmidt", $"hannah.schmidt@{company}", "Can you review my PR description before I send it?", 2, "Could you read my PR description before I send it to the wider team?", false),
            ("Carlos Mendes", "carlos@mendes-family.example", "Dinner on Saturday?", 4, "Are you and the family free for dinner on Saturday? We could try the new place downtown.", true),
            ("Nina Petrova", "nina.petrova@contoso.example", "Contract renewal dates", 6, "Can you confirm the renewal dates for the support contract?", false),
            ("Ben Carter", $"ben.carter@{company}", "Quick sync about the migration", 9, "Do you have 15 minutes today for a quick sync about the migration?", false),
            ("Grace Liu", "grace.liu@university.example", "Guest lecture in November", 12, "Would you give a guest lecture on mail systems in November?", false),
        ];
        foreach (var (name, address, subject, days, body, fromAlias) in done)
        {
            var to = fromAlias ? _ctx.OwnerAlias : owner;
            var ask = Ask(name, address, subject, days, 10, $"Hi {first},\n\n{body}\n\nThanks,\n{name.Split(' ')[0]}", MailFlags.Seen, to: [to]);
            answered.Add(ask);
            replies.Add(Reply(ask, to, [ask.From], ask.Date.AddHours(3).AddMinutes(days), Sent,
                $"Hi {name.Split(' ')[0]},\n\nYes, of course. I'll get back to you with details today.\n\n{first}"));
        }

        var since = _now.AddDays(-WindowDays);
        var budget = _messages.Where(m => m.Subject.EndsWith("Q3 budget review", StringComparison.Ordinal) && !m.IsFromOwner).ToList();
        unanswered.AddRange(budget.Where(m => m.Date >= since && (m.Flags & MailFlags.Answered) == 0));
        answered.AddRange(budget.Where(m => m.Date >= since && (m.Flags & MailFlags.Answered) != 0));
        replies.AddRange(_messages.Where(m => m.Subject == "Re: Q3 budget review" && m.IsFromOwner && m.Date >= since));

        var order = answered.Select((m, i) => (m, replies[i])).OrderBy(x => x.m.Date).ToList();
        return new UnrepliedStory(
            since,
            [.. unanswered.OrderBy(m => m.Date).ThenBy(m => m.Sequence)],
            [.. order.Select(x => x.m)],
            [.. order.Select(x => x.Item2)]);
    }

    private static string LastName(GeneratedAddress person) => person.Name.Split(' ')[^1];
}
