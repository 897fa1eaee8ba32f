using System.CommandLine;
using Serilog;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>The `watchpost` command line: the service and the installer's verbs over the same config and services.</summary>
public static class WatchpostCli
{
    // In the order an installer meets them: set up the site, check it, run it; then the engineers' tools.
    public static RootCommand Create() => new("Watchpost: edge security appliance")
    {
        InitCommand.Create(),
        ProvisionCommand.Create(),
        ConfigCommand.Create(),
        CameraCommand.Create(),
        ZoneCommand.Create(),
        LineCommand.Create(),
        RuleCommand.Create(),
        UserCommand.Create(),
        MqttCommand.Create(),
        GpioCommand.Create(loggerFactory: new Serilog.Extensions.Logging.SerilogLoggerFactory()),
        ModelCommand.Create(detectorOptions: ModelCommand.FromSiteFile, loggerFactory: new Serilog.Extensions.Logging.SerilogLoggerFactory()),
        Cli.Doctor.DoctorCommand.Create(),
        Service.ServiceCommand.Create(),
        EventsCommand.Create(),
        RunCommand.Create(),
        DemoCommand.Create(),
        EvalCommand.Create(),
        BenchCommand.Create(),
    };

    /// <summary>Runs a verb; a problem with the user's input ends with its message and exit code 2, not a stack trace.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        Logging.Configure();

        // Parallelism comes from the cameras and the detector workers; OpenCV's own thread pool (used by resize
        // and colour conversion) would only add hand-offs between threads on the same few cores.
        OpenCvSharp.Cv2.SetNumThreads(1);
        try
        {
            var parse = Create().Parse(args);
            if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
            {
                // A typo on the command line is bad input like any other: exit 2, naming what was wrong.
                foreach (var error in parse.Errors)
                {
                    await Console.Error.WriteLineAsync($"watchpost: {error.Message}");
                }

                await Console.Error.WriteLineAsync($"Run 'watchpost {string.Join(' ', CommandPath(parse.CommandResult))} --help' for the verb's arguments and options.".Replace("  ", " ", StringComparison.Ordinal));
                return ExitCodes.BadInput;
            }

            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            await Log.CloseAndFlushAsync();
            await Console.Error.WriteLineAsync($"watchpost: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Fatal(e, "watchpost stopped: {Message}", e.Message);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult? command)
    {
        var names = new Stack<string>();
        for (var c = command; c?.Parent is System.CommandLine.Parsing.CommandResult parent; c = parent)
        {
            names.Push(c.Command.Name);
        }

        return names;
    }

    private static bool IsUserError(Exception e) =>
        e is InvalidConfigurationException or FileNotFoundException or Models.ModelFileException or Ingest.CameraUrlException
            or Microsoft.Extensions.Options.OptionsValidationException or Mqtt.Broker.MqttCredentialsException or CliInputException;
}
