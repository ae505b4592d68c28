using System.Globalization;

namespace ImapMcp.Mail.Query;

/// <summary>Names one cached message: its folder and UID. Written <c>Folder:UID</c> (e.g. <c>INBOX/Conferences:4711</c>).</summary>
public readonly record struct MessageKey(string Folder, uint Uid)
{
    /// <summary>The <c>Folder:UID</c> spelling.</summary>
    public override string ToString() => Folder + ":" + Uid.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>Folder:UID</c>; false when the text has no folder or no numeric UID after the last colon.</summary>
    public static bool TryParse(string? text, out MessageKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(text))
            return false;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !uint.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) || uid == 0)
            return false;
        key = new MessageKey(text[..colon], uid);
        return true;
    }
}
