namespace JanusFleet.Janus.EventHandlers;

/// <summary>Subtypes of <see cref="JanusEventType.WebRtc"/> events.</summary>
public enum JanusWebRtcSubtype
{
    /// <summary>ICE state changed.</summary>
    IceState = 1,

    /// <summary>A local candidate was gathered.</summary>
    LocalCandidate = 2,

    /// <summary>A remote candidate arrived.</summary>
    RemoteCandidate = 3,

    /// <summary>ICE selected a candidate pair.</summary>
    SelectedPair = 4,

    /// <summary>DTLS state changed.</summary>
    DtlsState = 5,

    /// <summary>The PeerConnection came up ("webrtcup") or went down ("hangup").</summary>
    ConnectionState = 6,
}
