using Serilog;
using Serilog.Events;

namespace Watchpost.Cli;

/// <summary>
/// Serilog for every verb. Logs go to stderr, so that verbs printing results (eval, bench) keep stdout to one
/// JSON line; under systemd both streams reach the journal.
/// </summary>
public static class Logging
{
    public static void Configure(bool verbose = false) =>
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext:l}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();

    public static Microsoft.Extensions.Logging.ILoggerFactory CreateFactory() => new Serilog.Extensions.Logging.SerilogLoggerFactory();
}
