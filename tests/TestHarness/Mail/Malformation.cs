namespace TestHarness.Mail;

/// <summary>How a deliberately malformed message is broken; clients must survive all of these.</summary>
public enum Malformation
{
    /// <summary>A well-formed message.</summary>
    None,

    /// <summary>The Date header cannot be parsed; only INTERNALDATE carries the date.</summary>
    BadDate,

    /// <summary>A multipart body whose parts do not use the declared boundary and which is never closed.</summary>
    BrokenBoundary,

    /// <summary>No Message-ID header at all.</summary>
    MissingMessageId,

    /// <summary>Raw 8-bit bytes (invalid UTF-8) in the Subject and an X- header, without RFC 2047 encoding.</summary>
    EightBitHeader,
}
