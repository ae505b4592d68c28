using System.Diagnostics;

namespace JanusFleet.Janus.Bench;

/// <summary>
/// Wraps the handler the client would create for itself (a <see cref="SocketsHttpHandler"/>, optionally capped) and records
/// what its keepalive loop hides: requests that failed at the HTTP level, and POSTs that took longer than a second.
/// </summary>
internal sealed class CountingHandler(SocketsHttpHandler inner) : DelegatingHandler(inner)
{
    private long _failed;
    private long _slowPosts;
    private long _slowestPostTicks;
    private string? _firstFailure;

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>POSTs (requests such as keepalives, not long-polls) that took more than a second to answer.</summary>
    public long SlowPosts => Interlocked.Read(ref _slowPosts);

    public TimeSpan SlowestPost => TimeSpan.FromSeconds((double)Interlocked.Read(ref _slowestPostTicks) / Stopwatch.Frequency);

    public string? FirstFailure => _firstFailure;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
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
        finally
        {
            if (request.Method == HttpMethod.Post)
            {
                var ticks = Stopwatch.GetTimestamp() - started;
                if (ticks > Stopwatch.Frequency)
                {
                    Interlocked.Increment(ref _slowPosts);
                }

                long seen;
                while (ticks > (seen = Interlocked.Read(ref _slowestPostTicks)) && Interlocked.CompareExchange(ref _slowestPostTicks, ticks, seen) != seen)
                {
                }
            }
        }
    }

    /// <summary>The counts of one or two handlers (request pool, long-poll pool) added up.</summary>
    public sealed class Total(CountingHandler first, CountingHandler? second)
    {
        public long Failed => first.Failed + (second?.Failed ?? 0);

        public long SlowPosts => first.SlowPosts + (second?.SlowPosts ?? 0);

        public TimeSpan SlowestPost => second is null || first.SlowestPost >= second.SlowestPost ? first.SlowestPost : second.SlowestPost;

        public string? FirstFailure => first.FirstFailure ?? second?.FirstFailure;
    }
}
