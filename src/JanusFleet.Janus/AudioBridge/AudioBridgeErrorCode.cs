namespace JanusFleet.Janus.AudioBridge;

/// <summary>The AudioBridge plugin's error codes.</summary>
public enum AudioBridgeErrorCode
{
    /// <summary>Unknown error.</summary>
    UnknownError = 499,

    /// <summary>No message.</summary>
    NoMessage = 480,

    /// <summary>Invalid JSON.</summary>
    InvalidJson = 481,

    /// <summary>Invalid or unknown request.</summary>
    InvalidRequest = 482,

    /// <summary>A mandatory element is missing.</summary>
    MissingElement = 483,

    /// <summary>An element is invalid.</summary>
    InvalidElement = 484,

    /// <summary>No such room.</summary>
    NoSuchRoom = 485,

    /// <summary>The room already exists.</summary>
    RoomExists = 486,

    /// <summary>Not joined.</summary>
    NotJoined = 487,

    /// <summary>libopus failed.</summary>
    LibopusError = 488,

    /// <summary>Unauthorized (wrong secret, pin or token).</summary>
    Unauthorized = 489,

    /// <summary>The participant id is already taken.</summary>
    IdExists = 490,

    /// <summary>Already joined.</summary>
    AlreadyJoined = 491,

    /// <summary>No such participant.</summary>
    NoSuchUser = 492,

    /// <summary>Invalid SDP.</summary>
    InvalidSdp = 493,

    /// <summary>No such group.</summary>
    NoSuchGroup = 494,
}
