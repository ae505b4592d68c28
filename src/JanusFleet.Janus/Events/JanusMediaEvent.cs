namespace JanusFleet.Janus;

/// <summary>Janus started or stopped receiving a medium on this handle.</summary>
public sealed record JanusMediaEvent(long SessionId, long HandleId, string Type, bool Receiving)
    : JanusEvent(SessionId, HandleId)
{
    /// <summary>The m-line's mid, when Janus sends it (multistream).</summary>
    public string? Mid { get; init; }

    /// <summary>The simulcast substream, when Janus sends it.</summary>
    public int? Substream { get; init; }

    /// <summary>After how many seconds without packets Janus reported "not receiving".</summary>
    public int? Seconds { get; init; }
}
