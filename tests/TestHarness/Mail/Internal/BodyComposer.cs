using System.Globalization;
using System.Text;

namespace TestHarness.Mail.Internal;

/// <summary>Writes the text (and HTML) of a message from its metadata and its own random stream.</summary>
internal static class BodyComposer
{
    /// <summary>The plain text (lines joined by \n, wrapped at 76) and, for HTML shapes, the HTML.</summary>
    public static (string Text, string? Html) Compose(GeneratedMessage m, ref Rng rng)
    {
        var paragraphs = m.Body is { } fixedBody ? [.. fixedBody.Split("\n\n")] : Paragraphs(m, ref rng);
        var text = Wrap(paragraphs);
        string? html = m.Shape == BodyShape.PlainText ? null : Html(m, paragraphs, ref rng);
        return (text, html);
    }

    private static List<string> Paragraphs(GeneratedMessage m, ref Rng rng)
    {
        var d = m.Detail.Split('|');
        var owner = m.Context.OwnerFirstName;
        var p = new List<string>();
        switch (m.Profile?.Kind ?? "human")
        {
            case "human":
                Human(m, d, p, ref rng);
                break;
            case "alertmanager" or "grafana" or "uptime" or "sns":
                p.Add(m.Subject);
                p.Add($"Labels:\n - alertname = {d[0]}\n - instance = {d[1]}:9100\n - env = {d[2]}\n - severity = {d[3]}");
                p.Add($"Annotations:\n - summary = {Summary(d[0])} on {d[1]}\n - runbook_url = https://runbooks.monitoring.example/{d[0]}");
                p.Add(d[4] == "resolved"
                    ? $"The alert stopped firing after {rng.Next(3, 240)} minutes."
                    : $"Value: {rng.Next(80, 100)}.{rng.Next(10)} (threshold {rng.Next(70, 90)}) for the last {rng.Next(5, 30)} minutes.");
                p.Add($"Source: https://prometheus.monitoring.example/graph?g0.expr={d[0]}&g0.tab=1");
                break;
            case "github":
                p.Add(d[0] == "dependabot[bot]" || d[0] == "renovate[bot]"
                    ? $"Bumps the dependency. Release notes, changelog and commits are linked below.\n\nDependabot will resolve any conflicts with this PR as long as you don't alter it yourself."
                    : rng.Pick(Corpus.GitHubComments) + " " + Sentence(ref rng));
                p.Add($"—\nReply to this email directly, view it on GitHub:\nhttps://github.com/{d[2]}/{d[4]}/{d[3]}#issuecomment-{d[5]}\nYou are receiving this because {Because(d[1])}.");
                p.Add($"Message ID: <{m.MessageId}>");
                break;
            case "newsletter" or "ieee-announce" or "ieee-xplore" or "spam":
                p.Add(m.Subject);
                for (var i = 0; i < rng.Next(3, 7); i++)
                {
                    p.Add(rng.Pick(Corpus.NewsletterHeadlines) + ". " + Sentence(ref rng) + " " + Sentence(ref rng));
                }

                p.Add($"You are receiving this because you subscribed at {m.From.Address[(m.From.Address.IndexOf('@', StringComparison.Ordinal) + 1)..]}. Unsubscribe: {m.Profile?.ListUnsubscribe ?? "reply STOP"}");
                break;
            case "newsletter-fr":
                p.Add(m.Subject);
                p.AddRange(Corpus.FrenchSentences);
                p.Add("Pour vous désabonner, suivez le lien en bas de page.");
                break;
            case "newsletter-ru":
                p.Add(m.Subject);
                p.AddRange(Corpus.RussianSentences);
                break;
            case "shop-de":
                p.Add($"Guten Tag {m.Context.Spec.OwnerName},");
                p.Add($"{m.Subject}.");
                p.AddRange(Corpus.GermanSentences);
                p.Add($"Artikel: {d[1]}\nBetrag: {d[2]} €");
                break;
            case "shop-ja":
                p.Add($"{m.Context.Spec.OwnerName} 様");
                p.AddRange(Corpus.JapaneseSentences);
                p.Add($"注文番号：{d[0]}");
                break;
            case "shop":
                p.Add($"Hi {owner},");
                p.Add(m.Subject + ".");
                p.Add($"Order #{d[0]}\n1 x {d[1]}    ${d[2]}\nTotal: ${d[2]}");
                p.Add("Track your package or manage your order in your account. This mailbox is not monitored.");
                break;
            case "bank" or "payment" or "statement":
                p.Add($"Dear {m.Context.Spec.OwnerName},");
                p.Add(m.Subject + ".");
                p.Add($"Amount: {d[0]} €\nMerchant: {d[1]}\nDate: {m.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
                p.Add("If you did not make this transaction, call us at once. Please do not reply to this message.");
                break;
            case "flight" or "hotel" or "train":
                p.Add($"Hello {owner},");
                p.Add(m.Subject + ".");
                p.Add($"Booking reference: {d[1]}\nDestination: {d[0]}");
                p.Add("Have a pleasant trip. Manage your booking online at any time.");
                break;
            default:
                p.Add($"Hi {owner},");
                p.Add(m.Subject + ".");
                p.Add(Sentence(ref rng) + " " + Sentence(ref rng));
                p.Add("This is an automated message. Please do not reply.");
                break;
        }

        return p;
    }

    private static void Human(GeneratedMessage m, string[] d, List<string> p, ref Rng rng)
    {
        var language = d[0];
        var to = m.To.Count > 0 ? m.To[0].Name.Split(' ')[0] : "there";
        switch (language)
        {
            case "ru":
                p.Add($"Привет, {to}!");
                p.Add(rng.Pick(Corpus.RussianSentences));
                p.Add($"Спасибо,\n{m.From.Name}");
                return;
            case "ja":
                p.Add($"{to} さん");
                p.Add(rng.Pick(Corpus.JapaneseSentences));
                p.Add(m.From.Name);
                return;
            case "fr":
                p.Add($"Bonjour {to},");
                p.Add(rng.Pick(Corpus.FrenchSentences));
                p.Add($"Cordialement,\n{m.From.Name}");
                return;
            case "de":
                p.Add($"Hallo {to},");
                p.Add(rng.Pick(Corpus.GermanSentences));
                p.Add($"Viele Grüße\n{m.From.Name}");
                return;
        }

        p.Add(language == "es" ? $"Hola {to}," : $"Hi {to},");
        if (m.IsFromOwner)
        {
            p.Add(rng.Pick(Corpus.OwnerReplies) + " " + rng.Pick(Corpus.HumanSentences));
        }
        else
        {
            p.Add(rng.Pick(Corpus.HumanOpeners) + " " + rng.Pick(Corpus.HumanSentences));
            if (rng.Chance(0.6))
            {
                p.Add(rng.Pick(Corpus.HumanSentences) + " " + rng.Pick(Corpus.HumanSentences));
            }
        }

        p.Add($"{rng.Pick(Corpus.SignOffs)}\n{m.From.Name.Split(' ')[0]}");
        if (m.InReplyTo is not null)
        {
            p.Add($"> {rng.Pick(Corpus.HumanSentences)}\n> {rng.Pick(Corpus.HumanSentences)}");
        }
    }

    private static string Summary(string alert) => alert switch
    {
        "HighCPUUsage" => "CPU usage above 90%",
        "DiskSpaceLow" => "Less than 10% disk space left",
        "HighMemoryUsage" => "Memory usage above 95%",
        _ => $"{alert} condition met",
    };

    private static string Because(string reason) => reason switch
    {
        "mention" => "you were mentioned",
        "author" => "you authored the thread",
        "review_requested" => "your review was requested",
        _ => "you are subscribed to this thread",
    };

    private static string Sentence(ref Rng rng)
    {
        var n = rng.Next(6, 15);
        var sb = new StringBuilder(n * 8);
        for (var i = 0; i < n; i++)
        {
            var w = rng.Pick(Corpus.Words);
            if (i == 0)
            {
                sb.Append(char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
            }
            else
            {
                sb.Append(' ').Append(w);
            }
        }

        return sb.Append('.').ToString();
    }

    /// <summary>Joins paragraphs with blank lines, wrapping lines longer than 76 characters at spaces.</summary>
    private static string Wrap(IReadOnlyList<string> paragraphs)
    {
        var sb = new StringBuilder(1024);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("\n\n");
            }

            var lines = paragraphs[i].Split('\n');
            for (var l = 0; l < lines.Length; l++)
            {
                if (l > 0)
                {
                    sb.Append('\n');
                }

                var line = lines[l];
                while (line.Length > 76)
                {
                    var cut = line.LastIndexOf(' ', 76);
                    if (cut <= 0)
                    {
                        break;
                    }

                    sb.Append(line, 0, cut).Append('\n');
                    line = line[(cut + 1)..];
                }

                sb.Append(line);
            }
        }

        return sb.ToString();
    }

    private static string Html(GeneratedMessage m, IReadOnlyList<string> paragraphs, ref Rng rng)
    {
        var domain = m.From.Address[(m.From.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var sb = new StringBuilder(2048);
        sb.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=").Append(m.Charset).Append("\">\n");
        sb.Append("<title>").Append(Escape(m.Subject)).Append("</title>\n</head>\n");
        sb.Append("<body style=\"margin:0;padding:0;font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#222\">\n");
        sb.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">\n<tr>\n<td align=\"center\">\n");
        sb.Append("<table role=\"presentation\" width=\"600\" cellpadding=\"16\" cellspacing=\"0\">\n");
        foreach (var paragraph in paragraphs)
        {
            sb.Append("<tr><td>\n<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append("<br>\n");
                }

                sb.Append(Escape(lines[i]));
            }

            sb.Append("</p>\n</td></tr>\n");
        }

        if (m.IsAutomated)
        {
            sb.Append("<tr><td style=\"font-size:11px;color:#888\">\n<a href=\"https://").Append(domain).Append("/view/").Append(rng.Hex(12))
                .Append("\">View in browser</a> |\n<a href=\"").Append(m.Profile?.ListUnsubscribe ?? $"https://{domain}/preferences").Append("\">Unsubscribe</a>\n</td></tr>\n");
            sb.Append("<tr><td><img src=\"https://").Append(domain).Append("/open/").Append(rng.Hex(16)).Append(".gif\" width=\"1\" height=\"1\" alt=\"\"></td></tr>\n");
        }

        sb.Append("</table>\n</td>\n</tr>\n</table>\n</body>\n</html>");
        return sb.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
