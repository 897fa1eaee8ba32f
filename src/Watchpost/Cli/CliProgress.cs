namespace Watchpost.Cli;

/// <summary>
/// What a verb that takes more than a second shows while it works: on a terminal, one stderr line rewritten with
/// the elapsed seconds; otherwise (a script, a test) one line when it starts. stdout stays the verb's result.
/// </summary>
public sealed class CliProgress : IAsyncDisposable
{
    private readonly TextWriter _error;
    private readonly bool _terminal;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticker;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private string _what;

    private CliProgress(TextWriter error, string what, bool terminal)
    {
        _error = error;
        _what = what;
        _terminal = terminal;
        if (!terminal)
        {
            error.WriteLine($"{what} ...");
        }

        _ticker = terminal ? TickAsync() : Task.CompletedTask;
    }

    /// <param name="error">The verb's error writer (<c>parse.InvocationConfiguration.Error</c>).</param>
    public static CliProgress Start(TextWriter error, string what) =>
        new(error, what, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>Says what the verb is doing now (a new step).</summary>
    public void Step(string what)
    {
        _what = what;
        if (!_terminal)
        {
            _error.WriteLine($"{what} ...");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ticker;
        _stop.Dispose();
        if (_terminal)
        {
            _error.Write("\r\u001b[2K");
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            do
            {
                _error.Write($"\r\u001b[2K{_what} ... {_clock.Elapsed.TotalSeconds:0}s");
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }
}
