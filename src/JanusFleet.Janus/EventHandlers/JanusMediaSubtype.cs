namespace JanusFleet.Janus.EventHandlers;

/// <summary>Subtypes of <see cref="JanusEventType.Media"/> events.</summary>
public enum JanusMediaSubtype
{
    /// <summary>Janus started or stopped receiving a medium.</summary>
    State = 1,

    /// <summary>Packet loss on a link.</summary>
    SlowLink = 2,

    /// <summary>Periodic statistics.</summary>
    Stats = 3,
}
