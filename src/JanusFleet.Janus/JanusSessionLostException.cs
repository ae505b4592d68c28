namespace JanusFleet.Janus;

/// <summary>The Janus session is gone (destroyed, timed out, not reclaimed, or 458 "no such session"): create a new one.</summary>
public sealed class JanusSessionLostException : JanusException
{
    /// <summary>Creates the exception for <paramref name="sessionId"/>.</summary>
    public JanusSessionLostException(long sessionId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SessionId = sessionId;
    }

    /// <summary>The session that is gone.</summary>
    public long SessionId { get; }
}
