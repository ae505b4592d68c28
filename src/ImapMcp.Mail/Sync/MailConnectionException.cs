namespace ImapMcp.Mail.Sync;

/// <summary>Connecting or logging in failed; <see cref="Failure"/> says why and the message says what to do. Never contains the password.</summary>
public sealed class MailConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailConnectionException(MailConnectionFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public MailConnectionException()
        : this(MailConnectionFailure.Protocol, "The connection failed.")
    {
    }

    public MailConnectionException(string message)
        : this(MailConnectionFailure.Protocol, message)
    {
    }

    public MailConnectionException(string message, Exception innerException)
        : this(MailConnectionFailure.Protocol, message, innerException)
    {
    }

    /// <summary>Why it failed.</summary>
    public MailConnectionFailure Failure { get; }

    /// <summary>Whether trying again later may help (the server was unreachable or dropped us).</summary>
    public bool IsTransient => Failure is MailConnectionFailure.Unreachable or MailConnectionFailure.Protocol;
}
