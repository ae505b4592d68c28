using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>Parses one message from Janus into an element that lives as long as anyone holds it.</summary>
internal static class MessageParser
{
    /// <summary>
    /// Parses <paramref name="utf8"/>, which must not be reused afterwards: the element reads from it. Deserializing to a
    /// JsonElement would parse and then clone the whole document (about twice the cost of a 2 KB server_info); the document
    /// is deliberately not disposed, so its pooled buffer goes to the GC instead of back to the pool.
    /// </summary>
    public static JsonElement Parse(byte[] utf8) => JsonDocument.Parse(utf8).RootElement;
}
