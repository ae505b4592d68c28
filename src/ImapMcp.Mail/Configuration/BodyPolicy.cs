using System.Globalization;

namespace ImapMcp.Mail.Configuration;

/// <summary>Which text bodies sync downloads: <c>none</c>, <c>all</c> or a window such as <c>90d</c>.</summary>
public sealed record BodyPolicy(BodyPolicyMode Mode, int Days)
{
    /// <summary>Every body (the default: full-text search wants them).</summary>
    public static BodyPolicy All { get; } = new(BodyPolicyMode.All, 0);

    /// <summary>No body until asked for.</summary>
    public static BodyPolicy None { get; } = new(BodyPolicyMode.None, 0);

    /// <summary>Parses <c>none</c>, <c>all</c> or <c>&lt;N&gt;d</c>; null when the text is none of those.</summary>
    public static BodyPolicy? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim().ToLowerInvariant();
        if (t == "all")
            return All;
        if (t == "none")
            return None;
        if (t.EndsWith('d') && int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0)
            return new BodyPolicy(BodyPolicyMode.Recent, days);
        return null;
    }

    /// <summary>The config spelling of this policy.</summary>
    public override string ToString() => Mode switch
    {
        BodyPolicyMode.All => "all",
        BodyPolicyMode.None => "none",
        _ => Days.ToString(CultureInfo.InvariantCulture) + "d",
    };
}
