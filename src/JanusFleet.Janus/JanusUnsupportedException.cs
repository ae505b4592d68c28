namespace JanusFleet.Janus;

/// <summary>The connected Janus is too old for the requested feature (see <see cref="JanusServerInfo.Version"/>).</summary>
public sealed class JanusUnsupportedException : JanusException
{
    /// <summary>Creates the exception.</summary>
    public JanusUnsupportedException(string feature, int requiredVersion, int actualVersion)
        : base($"{feature} needs Janus version {requiredVersion} or later; the server is {actualVersion}.")
    {
        Feature = feature;
        RequiredVersion = requiredVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The feature that was asked for.</summary>
    public string Feature { get; }

    /// <summary>The minimum Janus version number (1100 for 1.1.0).</summary>
    public int RequiredVersion { get; }

    /// <summary>The server's version number.</summary>
    public int ActualVersion { get; }
}
