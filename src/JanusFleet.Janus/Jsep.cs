namespace JanusFleet.Janus;

/// <summary>A JSEP offer or answer exchanged with a plugin ("offer"/"answer" and the SDP).</summary>
public sealed record Jsep(string Type, string Sdp)
{
    /// <summary>Whether the sender trickles candidates; null to leave it out.</summary>
    public bool? Trickle { get; init; }

    /// <summary>Creates an offer.</summary>
    public static Jsep Offer(string sdp) => new("offer", sdp);

    /// <summary>Creates an answer.</summary>
    public static Jsep Answer(string sdp) => new("answer", sdp);
}
