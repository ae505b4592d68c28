namespace JanusFleet.Janus.Bench;

/// <summary>
/// Wraps the handler the client would create for itself (a <see cref="SocketsHttpHandler"/>, optionally capped) and counts
/// requests that failed at the HTTP level, which the client's keepalive loop retries silently.
/// </summary>
internal sealed class CountingHandler(SocketsHttpHandler inner) : DelegatingHandler(inner)
{
    private long _failed;
    private string? _firstFailure;

    public long Failed => Interlocked.Read(ref _failed);

    public string? FirstFailure => _firstFailure;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstFailure, $"{request.Method} {ex.Message}{(ex.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty)}", null);
            throw;
        }
    }
}
