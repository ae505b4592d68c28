namespace JanusFleet.Janus;

/// <summary>The connection to Janus failed or closed: the request's outcome is unknown and a reconnect is needed.</summary>
public sealed class JanusTransportException : JanusException
{
    /// <summary>Creates the exception.</summary>
    public JanusTransportException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
