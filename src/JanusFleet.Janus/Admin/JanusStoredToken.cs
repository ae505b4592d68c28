namespace JanusFleet.Janus.Admin;

/// <summary>A stored token and the plugins it may use.</summary>
public sealed record JanusStoredToken
{
    /// <summary>The token.</summary>
    public string Token { get; init; } = string.Empty;

    /// <summary>The plugins the token may attach to.</summary>
    public IReadOnlyList<string> AllowedPlugins { get; init; } = [];
}
