using System.CommandLine;
using Serilog;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary>The `watchpost` command line: the service and the installer's verbs over the same config and services.</summary>
public static class WatchpostCli
{
    public static RootCommand Create() => new("Watchpost: edge security appliance")
    {
        RunCommand.Create(),
        DemoCommand.Create(),
        EvalCommand.Create(),
        BenchCommand.Create(),
        MqttCommand.Create(),
        ModelCommand.Create(detectorOptions: ModelCommand.FromSiteFile, loggerFactory: new Serilog.Extensions.Logging.SerilogLoggerFactory()),
        GpioCommand.Create(loggerFactory: new Serilog.Extensions.Logging.SerilogLoggerFactory()),
        EventsCommand.Create(),
        UserCommand.Create(),
        CameraCommand.Create(),
        InitCommand.Create(),
        ConfigCommand.Create(),
        ZoneCommand.Create(),
        LineCommand.Create(),
        RuleCommand.Create(),
        Cli.Doctor.DoctorCommand.Create(),
        ProvisionCommand.Create(),
        Service.ServiceCommand.Create(),
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

    private static bool IsUserError(Exception e) =>
        e is InvalidConfigurationException or FileNotFoundException or Detection.ModelFileException or Ingest.CameraUrlException
            or Microsoft.Extensions.Options.OptionsValidationException or Mqtt.Broker.MqttCredentialsException or CliInputException;
}
