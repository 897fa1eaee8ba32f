using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Watchpost.Tests.Ingest;

/// <summary>A logger factory that keeps every formatted line, so tests can check what an operator would read.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    private readonly ITestOutputHelper? _output;

    /// <param name="output">Also writes each line to the test's output (shown when it fails).</param>
    public CapturedLogs(ITestOutputHelper? output = null)
    {
        _output = output;
        Factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(this));
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; a late line from a reader still stopping goes nowhere.
        }
    }


    public ILoggerFactory Factory { get; }

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger<T> For<T>() => Factory.CreateLogger<T>();

    public ILogger CreateLogger(string categoryName) => new Logger(Add);

    public void Dispose()
    {
    }

    private sealed class Logger(Action<string> add) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            add($"{logLevel}: {formatter(state, exception)}");
    }
}
