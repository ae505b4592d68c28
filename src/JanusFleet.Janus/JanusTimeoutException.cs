namespace JanusFleet.Janus;

/// <summary>Janus did not answer a request within the configured request timeout.</summary>
public sealed class JanusTimeoutException : JanusException
{
    /// <summary>Creates the exception for the request <paramref name="request"/>.</summary>
    public JanusTimeoutException(string request, TimeSpan timeout)
        : base($"Janus did not answer '{request}' within {timeout.TotalSeconds:0.###} s.")
    {
        Request = request;
        Timeout = timeout;
    }

    /// <summary>The Janus request verb that timed out ("message", "attach", ...).</summary>
    public string Request { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}
