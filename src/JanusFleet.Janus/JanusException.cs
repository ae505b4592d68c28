namespace JanusFleet.Janus;

/// <summary>The base of every exception this library throws about Janus.</summary>
public abstract class JanusException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected JanusException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
