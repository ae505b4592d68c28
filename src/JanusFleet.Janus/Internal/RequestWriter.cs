using System.Buffers;
using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>Writes Janus request envelopes straight to UTF-8 bytes.</summary>
internal static class RequestWriter
{
    // One buffer and writer per thread, reset for each request: creating them cost more than writing a keepalive. A
    // request is written synchronously from start to end, so nothing else on the thread can use them in between; a
    // nested call (a field writer that itself writes a request) gets fresh ones.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] Write(
        string verb,
        string? transaction,
        long sessionId,
        long handleId,
        JanusCredentials credentials,
        Action<Utf8JsonWriter>? writeFields = null)
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(256);
        var w = t_writer ?? new Utf8JsonWriter(buffer);
        t_buffer = null;
        t_writer = null;
        buffer.ResetWrittenCount();
        w.Reset(buffer);
        try
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
            w.Flush();
            var bytes = buffer.WrittenSpan.ToArray();
            if (buffer.Capacity <= 64 * 1024)
            {
                // Large SDPs are rare: their buffers are not kept.
                t_buffer = buffer;
                t_writer = w;
            }

            return bytes;
        }
        catch
        {
            // A half-written request leaves the writer in an unknown state: drop both.
            w.Dispose();
            throw;
        }
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
