using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KdFamily.Graph.Tests.Email;

/// <summary>A logger provider that keeps every line a host logs (level, category, message), for tests that read the log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    /// <summary>
    /// Waits for a line matching <paramref name="match"/> (polls every 20 ms, fails after 20 s). A host writes its log
    /// line after the change it reports is committed, so a test that saw the change must still wait for the line.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not logged within 20 s: {what}");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}
