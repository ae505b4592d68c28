namespace JanusFleet.Janus.Admin;

/// <summary>Where a Janus Admin API is and its secret.</summary>
public sealed class JanusAdminOptions
{
    /// <summary>The Admin API address: <c>http(s)://host:7088/admin</c>, or the admin WebSocket <c>ws(s)://host:7188</c>.</summary>
    public required Uri Uri { get; init; }

    /// <summary>Janus's <c>admin_secret</c>.</summary>
    public required string AdminSecret { get; init; }

    /// <summary>How long a request waits for Janus's answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for request timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>An HTTP handler to share (connection pooling, tests); null to create one. Not used over WebSocket.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when an option is out of range.</summary>
    public void Validate()
    {
        if (!Uri.IsAbsoluteUri || Uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException($"The Admin API URI must be absolute http(s) (the /admin endpoint) or ws(s) (the admin WebSocket), not '{Uri}'.", nameof(Uri));
        }

        ArgumentException.ThrowIfNullOrEmpty(AdminSecret);
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
        }
    }
}
