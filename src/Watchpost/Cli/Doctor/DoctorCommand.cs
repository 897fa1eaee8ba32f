using System.CommandLine;
using System.Globalization;
using Watchpost.Configuration;
using Watchpost.Gpio;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// <c>watchpost doctor</c>: runs every check of <see cref="DoctorChecks"/> over the service's own code and prints
/// a table (or --json) with a fix for each failure. Exit 0 when nothing failed, 1 when a check failed, 2 when the
/// site file does not load (itself reported as the "site file" check).
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var board = new Option<string?>("--board") { Description = $"Check this board's firmware-config file instead of the site file's gpio.board ({string.Join(", ", BoardMaps.Names)})" };
        var skipCameras = new Option<bool>("--skip-cameras") { Description = "Do not probe the cameras" };
        var cameraTimeout = new Option<double>("--camera-timeout")
        {
            Description = "Seconds to wait for each camera's first frame",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("doctor", "Check everything the service needs (ffmpeg, OpenCV, model, ONNX Runtime providers, disk, database, MQTT, GPIO, clock, service, board, cameras) and say how to fix what fails")
        {
            config, json, board, skipCameras, cameraTimeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var asJson = parse.GetValue(json);
            var timeout = parse.GetValue(cameraTimeout);
            if (timeout is <= 0 or > 600)
            {
                throw new CliInputException($"--camera-timeout {timeout.ToString(CultureInfo.InvariantCulture)}: expected seconds between 0 and 600");
            }

            var boardName = parse.GetValue(board);
            if (boardName is not null && BoardMaps.Find(boardName) is null)
            {
                throw new CliInputException($"--board '{boardName}': no such board in firmware-config/, expected one of {string.Join(", ", BoardMaps.Names)}");
            }

            var siteFile = Path.GetFullPath(parse.GetRequiredValue(config));
            CliServices services;
            try
            {
                services = CliServices.Load(siteFile);
            }
            catch (Exception e) when (e is InvalidConfigurationException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                var failed = DoctorResult.Fail("site file", e.Message, $"correct {siteFile}, then run: watchpost doctor --config {siteFile}");
                Write(output, asJson, new DoctorReport(false, siteFile, boardName, [failed]));
                await error.WriteLineAsync($"watchpost: {e.Message}");
                return ExitCodes.BadInput;
            }

            await using (services)
            {
                var map = BoardMaps.Find(boardName ?? services.Options.Gpio.Board)!;
                using var logs = Logging.CreateFactory();
                var context = new DoctorContext(services, map, logs, TimeSpan.FromSeconds(timeout));
                var results = new List<DoctorResult> { DoctorResult.Pass("site file", $"{siteFile} loads (site {services.Options.Site.DeviceId}, board {map.Board})") };
                results.AddRange(await RunAsync(DoctorChecks.For(services.Options, map, parse.GetValue(skipCameras)), context, error, ct));
                var report = new DoctorReport(results.All(r => r.Ok), siteFile, map.Board, results);
                Write(output, asJson, report);
                return report.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
            }
        });
        return command;
    }

    /// <summary>The checks one by one, then the parallel ones (camera probes) together; each result in the list's order.</summary>
    private static async Task<IReadOnlyList<DoctorResult>> RunAsync(IReadOnlyList<IDoctorCheck> checks, DoctorContext context, TextWriter error, CancellationToken ct)
    {
        var results = new DoctorResult[checks.Count];
        await using var progress = CliProgress.Start(error, "Checking");
        for (var i = 0; i < checks.Count; i++)
        {
            if (!checks[i].Parallel)
            {
                progress.Step($"Checking {checks[i].Name}");
                results[i] = await RunOneAsync(checks[i], context, ct);
            }
        }

        var parallel = Enumerable.Range(0, checks.Count).Where(i => checks[i].Parallel).ToList();
        if (parallel.Count > 0)
        {
            progress.Step($"Probing {parallel.Count} camera(s), up to {context.CameraTimeout.TotalSeconds:0} s each");
            var done = await Task.WhenAll(parallel.Select(i => RunOneAsync(checks[i], context, ct)));
            for (var k = 0; k < parallel.Count; k++)
            {
                results[parallel[k]] = done[k];
            }
        }

        return results;
    }

    // A check that throws is a failed check with the error, not the end of the doctor.
    private static async Task<DoctorResult> RunOneAsync(IDoctorCheck check, DoctorContext context, CancellationToken ct)
    {
        try
        {
            return await check.RunAsync(context, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return DoctorResult.Fail(check.Name, $"the check itself failed: {e.GetType().Name}: {e.Message}", "run again with the log above; report it if it persists");
        }
    }

    private static void Write(TextWriter output, bool json, DoctorReport report)
    {
        if (json)
        {
            CliJson.Write(output, report);
            return;
        }

        var table = new TextTable("CHECK", "STATUS", "DETAIL");
        foreach (var r in report.Checks)
        {
            table.Add(r.Name, Label(r.Status), r.Detail);
        }

        table.Write(output);
        var fixes = report.Checks.Where(r => r.Status is DoctorStatus.Fail or DoctorStatus.Warn && r.Hint is not null).ToList();
        if (fixes.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("To fix:");
            foreach (var r in fixes)
            {
                output.WriteLine($"  {r.Name} ({Label(r.Status)}): {r.Hint}");
            }
        }

        var counts = string.Join(", ", Enum.GetValues<DoctorStatus>().Select(s => (s, n: report.Checks.Count(r => r.Status == s))).Where(x => x.n > 0).Select(x => $"{x.n} {Label(x.s)}"));
        output.WriteLine();
        output.WriteLine($"{report.Checks.Count} checks: {counts}. {(report.Ok ? "Nothing failed." : "Some checks FAILED.")}");
    }

    private static string Label(DoctorStatus status) => status switch
    {
        DoctorStatus.Ok => "OK",
        DoctorStatus.Warn => "WARN",
        DoctorStatus.Fail => "FAIL",
        _ => "SKIP",
    };
}
