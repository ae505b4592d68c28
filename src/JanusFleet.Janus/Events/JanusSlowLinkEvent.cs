namespace JanusFleet.Janus;

/// <summary>Janus saw packet loss on this handle (1.x reports <c>lost</c>).</summary>
public sealed record JanusSlowLinkEvent(long SessionId, long HandleId, string? Media, bool Uplink, int Lost)
    : JanusEvent(SessionId, HandleId)
{
    /// <summary>The m-line's mid, when Janus sends it.</summary>
    public string? Mid { get; init; }
}
