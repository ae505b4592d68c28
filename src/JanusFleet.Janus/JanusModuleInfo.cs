namespace JanusFleet.Janus;

/// <summary>A plugin, transport or event handler loaded by Janus.</summary>
public sealed record JanusModuleInfo
{
    /// <summary>The module's name.</summary>
    public string? Name { get; init; }

    /// <summary>The module's version number.</summary>
    public int Version { get; init; }

    /// <summary>The module's version string.</summary>
    public string? VersionString { get; init; }

    /// <summary>The module's description.</summary>
    public string? Description { get; init; }
}
