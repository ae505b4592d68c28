namespace JanusFleet.Janus;

/// <summary>The plugin handle was detached (by this client, by Janus, or with its session): attach a new one.</summary>
public sealed class JanusHandleDetachedException : JanusException
{
    /// <summary>Creates the exception for <paramref name="handleId"/>.</summary>
    public JanusHandleDetachedException(long handleId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        HandleId = handleId;
    }

    /// <summary>The handle that is gone.</summary>
    public long HandleId { get; }
}
