using Microsoft.Extensions.Logging;

namespace ImapMcp.Mail.Tests.Support;

/// <summary>Keeps the event ids and messages the engine logs (every level), for tests that check which path ran.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
{
    private readonly List<(int Id, string Message)> _events = [];

    public IReadOnlyList<(int Id, string Message)> Events
    {
        get
        {
            lock (_events)
                return [.. _events];
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
            _events.Add((eventId.Id, formatter(state, exception)));
    }

    public void Dispose()
    {
    }
}
