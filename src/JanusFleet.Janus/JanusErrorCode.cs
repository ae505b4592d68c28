namespace JanusFleet.Janus;

/// <summary>The Janus core API error codes (apierror.h).</summary>
public enum JanusErrorCode
{
    /// <summary>Missing or wrong api_secret or token.</summary>
    Unauthorized = 403,

    /// <summary>The token does not grant access to this plugin.</summary>
    UnauthorizedPlugin = 405,

    /// <summary>Unknown or undocumented error.</summary>
    Unknown = 490,

    /// <summary>The request must use HTTP GET.</summary>
    UseGet = 450,

    /// <summary>The request must use HTTP POST.</summary>
    UsePost = 451,

    /// <summary>The message has no "janus" request.</summary>
    MissingRequest = 452,

    /// <summary>Janus does not know this request.</summary>
    UnknownRequest = 453,

    /// <summary>The payload is not valid JSON.</summary>
    InvalidJson = 454,

    /// <summary>The payload is not a JSON object.</summary>
    InvalidJsonObject = 455,

    /// <summary>A mandatory element is missing.</summary>
    MissingMandatoryElement = 456,

    /// <summary>The request cannot be handled at this path.</summary>
    InvalidRequestPath = 457,

    /// <summary>No such session: it was destroyed or timed out.</summary>
    SessionNotFound = 458,

    /// <summary>No such handle.</summary>
    HandleNotFound = 459,

    /// <summary>No such plugin.</summary>
    PluginNotFound = 460,

    /// <summary>Attaching to the plugin failed.</summary>
    PluginAttach = 461,

    /// <summary>Sending the message to the plugin failed.</summary>
    PluginMessage = 462,

    /// <summary>Detaching from the plugin failed.</summary>
    PluginDetach = 463,

    /// <summary>Unsupported JSEP type.</summary>
    JsepUnknownType = 464,

    /// <summary>Invalid SDP.</summary>
    JsepInvalidSdp = 465,

    /// <summary>The trickle candidate refers to an invalid stream.</summary>
    TrickleInvalidStream = 466,

    /// <summary>A JSON element has the wrong type.</summary>
    InvalidElementType = 467,

    /// <summary>The requested session id is already in use.</summary>
    SessionConflict = 468,

    /// <summary>An answer arrived for an offer never made.</summary>
    UnexpectedAnswer = 469,

    /// <summary>No such token (Admin API token requests).</summary>
    TokenNotFound = 470,

    /// <summary>The request is not valid in the current WebRTC state.</summary>
    WebRtcState = 471,

    /// <summary>Janus is not accepting new sessions (draining).</summary>
    NotAcceptingSessions = 472,
}
