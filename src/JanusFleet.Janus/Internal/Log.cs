using Microsoft.Extensions.Logging;

namespace JanusFleet.Janus.Internal;

/// <summary>Every log message of the client, in one place. Protocol lines are redacted before they get here.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Trace, Message = "janus >> {Payload}")]
    public static partial void Sent(ILogger logger, string payload);

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "janus << {Payload}")]
    public static partial void Received(ILogger logger, string payload);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Janus sent '{Verb}' for unknown session {SessionId}")]
    public static partial void UnknownSession(ILogger logger, string verb, long sessionId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Lost the link to Janus at {Uri}; reconnecting")]
    public static partial void Disconnected(ILogger logger, Exception reason, Uri uri);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Reconnected to Janus at {Uri}; {Count} sessions claimed")]
    public static partial void Reconnected(ILogger logger, Uri uri, int count);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Janus lost session {SessionId}: {Reason}")]
    public static partial void SessionLost(ILogger logger, long sessionId, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Could not route a message from Janus: {Payload}")]
    public static partial void RoutingFailed(ILogger logger, Exception exception, string payload);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Keepalive for session {SessionId} got no answer within {TimeoutMs} ms; the next one is sent on schedule")]
    public static partial void KeepaliveTimedOut(ILogger logger, long sessionId, double timeoutMs);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Keepalive for session {SessionId} failed")]
    public static partial void KeepaliveFailed(ILogger logger, Exception exception, long sessionId);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Keepalive for session {SessionId} took {ElapsedMs} ms")]
    public static partial void KeepaliveLate(ILogger logger, long sessionId, double elapsedMs);
}
