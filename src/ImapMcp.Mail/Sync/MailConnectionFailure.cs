namespace ImapMcp.Mail.Sync;

/// <summary>Why a connection to the IMAP server failed.</summary>
public enum MailConnectionFailure
{
    /// <summary>The server could not be reached (DNS, refused, timeout, dropped).</summary>
    Unreachable,

    /// <summary>TLS failed (certificate, protocol) or STARTTLS is not offered.</summary>
    Tls,

    /// <summary>The server rejected the user name or password.</summary>
    Authentication,

    /// <summary>The server spoke something unexpected.</summary>
    Protocol,

    /// <summary>No password is stored or supplied.</summary>
    NoPassword,
}
