namespace JanusFleet.Janus;

/// <summary>One trickled ICE candidate, as a browser's RTCIceCandidate describes it.</summary>
public sealed record IceCandidate(string Candidate, string? SdpMid, int? SdpMLineIndex);
