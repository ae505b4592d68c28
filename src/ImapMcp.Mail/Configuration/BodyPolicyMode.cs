namespace ImapMcp.Mail.Configuration;

/// <summary>Which message bodies the background phase downloads.</summary>
public enum BodyPolicyMode
{
    /// <summary>Headers only; bodies are fetched on demand.</summary>
    None,

    /// <summary>Bodies of messages newer than a number of days.</summary>
    Recent,

    /// <summary>Every body.</summary>
    All,
}
