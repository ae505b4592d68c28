using System.Text.Json;

namespace JanusFleet.Janus.Internal;

/// <summary>What a transport reports to its connection.</summary>
internal interface ITransportSink
{
    /// <summary>One JSON object from Janus (a response or an event).</summary>
    void OnMessage(JsonElement message);

    /// <summary>The link dropped; the transport is trying to reconnect. Requests in flight are lost.</summary>
    void OnDisconnected(Exception reason);

    /// <summary>The link is back: sessions must be claimed before they are used again.</summary>
    Task OnReconnectedAsync(CancellationToken cancellationToken);

    /// <summary>The transport gave up for good.</summary>
    void OnClosed(Exception reason);
}
