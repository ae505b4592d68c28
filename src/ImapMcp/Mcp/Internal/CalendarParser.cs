using System.Globalization;
using System.Text;
using ImapMcp.Mcp.Results;

namespace ImapMcp.Mcp.Internal;

/// <summary>Reads the basic VEVENT fields of an iCalendar (RFC 5545) text: summary, start, end, organizer, location, attendees.</summary>
internal static class CalendarParser
{
    public static IReadOnlyList<CalendarEvent> Parse(string text, string key, string part)
    {
        var events = new List<CalendarEvent>();
        string? method = null;
        Dictionary<string, (string Value, Dictionary<string, string> Parameters)>? current = null;
        List<string> attendees = [];
        foreach (var line in Unfold(text))
        {
            var (name, parameters, value) = Split(line);
            if (name.Length == 0)
                continue;
            if (name == "BEGIN" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                current = new(StringComparer.OrdinalIgnoreCase);
                attendees = [];
            }
            else if (name == "END" && value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && current is not null)
            {
                events.Add(Event(current, attendees, method, key, part));
                current = null;
            }
            else if (current is null && name == "METHOD")
            {
                method = value;
            }
            else if (current is not null && name == "ATTENDEE")
            {
                attendees.Add(Person(value, parameters));
            }
            else if (current is not null)
            {
                current.TryAdd(name, (value, parameters));
            }
        }

        return events;
    }

    private static CalendarEvent Event(Dictionary<string, (string Value, Dictionary<string, string> Parameters)> p, List<string> attendees, string? method, string key, string part)
    {
        string? Text(string name) => p.TryGetValue(name, out var v) ? Unescape(v.Value) : null;
        var start = p.TryGetValue("DTSTART", out var s) ? Time(s.Value, s.Parameters) : null;
        var end = p.TryGetValue("DTEND", out var e) ? Time(e.Value, e.Parameters) : null;
        var allDay = p.TryGetValue("DTSTART", out var d) && (d.Parameters.GetValueOrDefault("VALUE")?.Equals("DATE", StringComparison.OrdinalIgnoreCase) == true || d.Value.Length == 8);
        if (end is null && start is not null && p.TryGetValue("DURATION", out var duration) && TryDuration(duration.Value, out var span))
            end = start + span;
        return new CalendarEvent(key, part, method, Text("SUMMARY"), start, end, allDay,
            p.TryGetValue("ORGANIZER", out var o) ? Person(o.Value, o.Parameters) : null,
            Text("LOCATION"), Text("UID"), Text("STATUS"), attendees);
    }

    private static string Person(string value, Dictionary<string, string> parameters)
    {
        var address = value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? value[7..] : value;
        return parameters.TryGetValue("CN", out var name) && name.Length > 0 ? $"{name.Trim('"')} <{address}>" : address;
    }

    private static DateTimeOffset? Time(string value, Dictionary<string, string> parameters)
    {
        var c = CultureInfo.InvariantCulture;
        if (value.Length == 8 && DateTime.TryParseExact(value, "yyyyMMdd", c, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date, TimeSpan.Zero);
        if (value.EndsWith('Z') && DateTime.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            return new DateTimeOffset(utc, TimeSpan.Zero);
        if (!DateTime.TryParseExact(value, "yyyyMMdd'T'HHmmss", c, DateTimeStyles.None, out var local))
            return null;
        if (parameters.TryGetValue("TZID", out var zone))
        {
            try
            {
                var tz = TimeZoneInfo.FindSystemTimeZoneById(zone.Trim('"'));
                return new DateTimeOffset(local, tz.GetUtcOffset(local));
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
            }
        }

        // Floating time (no zone): reported as written.
        return new DateTimeOffset(local, TimeSpan.Zero);
    }

    private static bool TryDuration(string value, out TimeSpan span)
    {
        try
        {
            span = System.Xml.XmlConvert.ToTimeSpan(value);
            return true;
        }
        catch (FormatException)
        {
            span = default;
            return false;
        }
    }

    private static IEnumerable<string> Unfold(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t'))
            {
                current.Append(raw, 1, raw.Length - 1);
                continue;
            }

            if (current.Length > 0)
                yield return current.ToString();
            current.Clear().Append(raw);
        }

        if (current.Length > 0)
            yield return current.ToString();
    }

    private static (string Name, Dictionary<string, string> Parameters, string Value) Split(string line)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var colon = -1;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == ':' && !quoted)
            {
                colon = i;
                break;
            }
        }

        if (colon <= 0)
            return ("", parameters, "");
        var head = line[..colon].Split(';');
        foreach (var p in head.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                parameters[p[..eq]] = p[(eq + 1)..].Trim('"');
        }

        return (head[0].Trim().ToUpperInvariant(), parameters, line[(colon + 1)..].Trim());
    }

    private static string Unescape(string value) =>
        value.Replace("\\n", "\n", StringComparison.OrdinalIgnoreCase).Replace("\\,", ",", StringComparison.Ordinal)
             .Replace("\\;", ";", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
}
