using System.Buffers;
using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>Writes Janus request envelopes straight to UTF-8 bytes.</summary>
internal static class RequestWriter
{
    public static byte[] Write(
        string verb,
        string? transaction,
        long sessionId,
        long handleId,
        JanusCredentials credentials,
        Action<Utf8JsonWriter>? writeFields = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString(JanusProtocol.Janus, verb);
            if (transaction is not null)
            {
                w.WriteString(JanusProtocol.Transaction, transaction);
            }

            if (sessionId != 0)
            {
                w.WriteNumber(JanusProtocol.SessionId, sessionId);
            }

            if (handleId != 0)
            {
                w.WriteNumber(JanusProtocol.HandleId, handleId);
            }

            credentials.Write(w);
            writeFields?.Invoke(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteJsep(Utf8JsonWriter w, Jsep jsep)
    {
        w.WriteStartObject(JanusProtocol.Jsep);
        w.WriteString(JanusProtocol.Type, jsep.Type);
        w.WriteString(JanusProtocol.Sdp, jsep.Sdp);
        if (jsep.Trickle is { } trickle)
        {
            w.WriteBoolean("trickle", trickle);
        }

        w.WriteEndObject();
    }

    public static void WriteCandidate(Utf8JsonWriter w, IceCandidate candidate)
    {
        w.WriteStartObject();
        w.WriteString(JanusProtocol.Candidate, candidate.Candidate);
        if (candidate.SdpMid is not null)
        {
            w.WriteString(JanusProtocol.SdpMid, candidate.SdpMid);
        }

        if (candidate.SdpMLineIndex is { } index)
        {
            w.WriteNumber(JanusProtocol.SdpMLineIndex, index);
        }

        w.WriteEndObject();
    }
}
