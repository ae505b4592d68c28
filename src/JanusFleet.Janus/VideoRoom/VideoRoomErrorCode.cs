namespace JanusFleet.Janus.VideoRoom;

/// <summary>The VideoRoom plugin's error codes.</summary>
public enum VideoRoomErrorCode
{
    /// <summary>Unknown error.</summary>
    UnknownError = 499,

    /// <summary>No message.</summary>
    NoMessage = 421,

    /// <summary>Invalid JSON.</summary>
    InvalidJson = 422,

    /// <summary>Invalid or unknown request.</summary>
    InvalidRequest = 423,

    /// <summary>Join the room first.</summary>
    JoinFirst = 424,

    /// <summary>Already joined on this handle.</summary>
    AlreadyJoined = 425,

    /// <summary>No such room.</summary>
    NoSuchRoom = 426,

    /// <summary>The room already exists.</summary>
    RoomExists = 427,

    /// <summary>No such feed (publisher).</summary>
    NoSuchFeed = 428,

    /// <summary>A mandatory element is missing.</summary>
    MissingElement = 429,

    /// <summary>An element is invalid.</summary>
    InvalidElement = 430,

    /// <summary>Invalid SDP type.</summary>
    InvalidSdpType = 431,

    /// <summary>The room's publisher slots are full.</summary>
    PublishersFull = 432,

    /// <summary>Unauthorized (wrong secret, pin or token).</summary>
    Unauthorized = 433,

    /// <summary>Already publishing.</summary>
    AlreadyPublished = 434,

    /// <summary>Not publishing.</summary>
    NotPublished = 435,

    /// <summary>The participant id is already taken.</summary>
    IdExists = 436,

    /// <summary>Invalid SDP.</summary>
    InvalidSdp = 437,
}
