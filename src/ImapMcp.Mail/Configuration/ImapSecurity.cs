namespace ImapMcp.Mail.Configuration;

/// <summary>How the IMAP connection is protected.</summary>
public enum ImapSecurity
{
    /// <summary>TLS from the first byte (usually port 993).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS (usually port 143); refused if the server cannot upgrade.</summary>
    StartTls,

    /// <summary>No protection at all: allowed only for a server on the loopback interface.</summary>
    None,
}
