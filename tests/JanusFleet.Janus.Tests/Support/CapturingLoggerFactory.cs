using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JanusFleet.Janus.Tests.Support;

/// <summary>Keeps every log line, at every level, for assertions.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    /// <summary>Makes every log call at this level throw, as a broken logging provider would.</summary>
    public LogLevel? ThrowAt { get; set; }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == owner.ThrowAt)
            {
                throw new InvalidOperationException("broken log provider");
            }

            owner.Lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
