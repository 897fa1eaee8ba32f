using Xunit.Abstractions;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Watchpost.Tests.Support;

/// <summary>
/// Loggers for the code under test that keep every entry (and echo it to the test output when given one), so a
/// test can fail when anything logged an error.
/// </summary>
public sealed class RecordingLog(ITestOutputHelper? output = null)
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

    public ILogger<T> For<T>() => new Logger<T>(this);

    /// <summary>The same log as a provider, for a host's logging builder.</summary>
    public ILoggerProvider AsProvider() => new Provider(this);

    public void AssertNoErrors()
    {
        var errors = _entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(errors.Count == 0, "errors were logged:\n" + string.Join('\n', errors));
    }

    private void Add(LogLevel level, string category, string message)
    {
        _entries.Enqueue((level, category, message));
        try
        {
            output?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}: {message}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }

    private sealed class Provider(RecordingLog log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CategoryLogger(log, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class CategoryLogger(RecordingLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(logLevel, category[(category.LastIndexOf('.') + 1)..], formatter(state, exception) + (exception is null ? "" : " | " + exception));
    }

    private sealed class Logger<T>(RecordingLog log) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(logLevel, typeof(T).Name, formatter(state, exception) + (exception is null ? "" : " | " + exception));
    }
}
