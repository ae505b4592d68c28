namespace JanusFleet.Janus.VideoRoom;

/// <summary>Settings of a VideoRoom room for <c>create</c>; null leaves Janus's default.</summary>
public sealed record VideoRoomRoomOptions
{
    /// <summary>A description of the room.</summary>
    public string? Description { get; init; }

    /// <summary>Hides the room from <c>list</c>.</summary>
    public bool? IsPrivate { get; init; }

    /// <summary>The secret needed to edit or destroy the room.</summary>
    public string? Secret { get; init; }

    /// <summary>The PIN needed to join the room.</summary>
    public string? Pin { get; init; }

    /// <summary>Requires a signed room token (realm janus.plugin.videoroom, "room=&lt;id&gt;") to join.</summary>
    public bool? SignedTokens { get; init; }

    /// <summary>Requires subscribers to give a publisher's private id.</summary>
    public bool? RequirePvtid { get; init; }

    /// <summary>The maximum number of concurrent publishers.</summary>
    public int? Publishers { get; init; }

    /// <summary>The maximum video bitrate for publishers, in bits per second.</summary>
    public long? Bitrate { get; init; }

    /// <summary>Sends a keyframe request every this many seconds.</summary>
    public int? FirFreq { get; init; }

    /// <summary>Allowed audio codecs ("opus", "opus,g722").</summary>
    public string? Audiocodec { get; init; }

    /// <summary>Allowed video codecs ("vp8", "vp8,h264").</summary>
    public string? Videocodec { get; init; }

    /// <summary>Records every publisher.</summary>
    public bool? Record { get; init; }

    /// <summary>Where recordings go.</summary>
    public string? RecDir { get; init; }

    /// <summary>Only allows recording changes with the room secret.</summary>
    public bool? LockRecord { get; init; }

    /// <summary>Tells participants about joining attendees (not only publishers); off for large calls.</summary>
    public bool? NotifyJoining { get; init; }

    /// <summary>Requires end-to-end encrypted media.</summary>
    public bool? RequireE2ee { get; init; }

    /// <summary>Saves the room to the plugin's config file.</summary>
    public bool? Permanent { get; init; }

    /// <summary>The tokens allowed to join, when the room uses an allow list.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>The plugin's admin_key, when Janus requires one for creating rooms.</summary>
    public string? AdminKey { get; init; }
}
