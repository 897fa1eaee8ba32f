using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Watchpost.Assets;
using Watchpost.Bench;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Decoding;
using Watchpost.Detection.Runtime;
using Watchpost.Models;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost model list|fetch|verify|bench</c>: the installer's view of the detector model, over the same
/// manifest, locator, verifier and session factory the service uses.
/// </summary>
public static class ModelCommand
{
    /// <param name="detectorOptions">The site file's detector section for a parse (default: built-in defaults).</param>
    /// <param name="loggerFactory">Where provider fallbacks and fetch progress are logged.</param>
    /// <param name="catalog">The manifest and model folders (default: <see cref="ModelCatalog.Default"/>, read when a command runs).</param>
    public static Command Create(
        Func<ParseResult, DetectorOptions>? detectorOptions = null, ILoggerFactory? loggerFactory = null, Func<ModelCatalog>? catalog = null)
    {
        var options = detectorOptions ?? (_ => new DetectorOptions());
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var catalogs = catalog ?? ModelCatalog.Default;
        var command = new Command("model", "Fetch, verify and benchmark the detector model");
        command.Add(List(catalogs));
        command.Add(Fetch(options, logs, catalogs));
        command.Add(Verify(options, catalogs));
        command.Add(Bench(options, logs, catalogs));
        return command;
    }

    private static Argument<string?> NameArgument() => new("name")
    {
        Description = "Model name from the manifest (default: detector.model)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command List(Func<ModelCatalog> catalogs)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the models of the manifest and where each one's file is") { CommonOptions.Config(), json };
        command.SetAction(parse =>
        {
            var catalog = catalogs();
            var output = parse.InvocationConfiguration.Output;
            var rows = catalog.Manifest.Models.Select(entry => new ModelListEntry(entry.Name, entry.File, $"{entry.InputWidth}x{entry.InputHeight}",
                entry.Layout ?? "auto", entry.Licence, catalog.Locator.Find(entry))).ToList();
            if (parse.GetValue(json))
            {
                CliJson.Write(output, rows);
                return ExitCodes.Ok;
            }

            var table = new TextTable("MODEL", "FILE", "INPUT", "LAYOUT", "LICENCE", "PATH");
            foreach (var row in rows)
            {
                table.Add(row.Name, row.File, row.Input, row.Layout, row.Licence, row.Path ?? "not fetched (watchpost model fetch " + row.Name + ")");
            }

            table.Write(output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Fetch(Func<ParseResult, DetectorOptions> options, ILoggerFactory logs, Func<ModelCatalog> catalogs)
    {
        var name = NameArgument();
        var command = new Command("fetch", "Copy the model from a mirror folder, download it over HTTPS or make a variant from its base model, verify its sha256 and keep it in the cache") { name, CommonOptions.Config() };
        command.SetAction(async (parse, ct) => await Run(parse, async () =>
        {
            var catalog = catalogs();
            var entry = catalog.Manifest.Find(parse.GetValue(name) ?? options(parse).Model);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("watchpost-model-fetch");
            var fetcher = new ModelFetcher(catalog.Locator, http, logs.CreateLogger<ModelFetcher>(), catalog.Manifest);
            var result = await fetcher.FetchAsync(entry, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{entry.Name}: {result.Path} (from {result.Source}, sha256 {result.Verification.Sha256}, {result.Verification.Size:N0} bytes)");
            return 0;
        }));
        return command;
    }

    private static Command Verify(Func<ParseResult, DetectorOptions> options, Func<ModelCatalog> catalogs)
    {
        var name = NameArgument();
        var path = new Option<FileInfo?>("--path") { Description = "Verify this file instead of the one the model folders hold" };
        var command = new Command("verify", "Check the model file's sha256 and input/output shapes against the manifest") { name, path, CommonOptions.Config() };
        command.SetAction(async (parse, ct) => await Run(parse, () =>
        {
            var catalog = catalogs();
            var detector = options(parse);
            var explicitPath = parse.GetValue(path)?.FullName ?? detector.ModelPath;
            var model = catalog.Resolve(parse.GetValue(name) ?? detector.Model, explicitPath);
            var v = model.Verification;
            parse.InvocationConfiguration.Output.WriteLine(
                $"{model.Entry.Name}: OK {v.Path} sha256 {v.Sha256}, input [{string.Join(", ", v.InputShape ?? [])}], " +
                $"output [{string.Join(", ", v.OutputShape ?? [])}] ({OutputLayouts.Name(model.Layout)}), {model.Entry.Labels.Count} classes, licence {model.Entry.Licence}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Bench(Func<ParseResult, DetectorOptions> options, ILoggerFactory logs, Func<ModelCatalog> catalogs)
    {
        var name = NameArgument();
        var path = new Option<FileInfo?>("--path") { Description = "Model file to use instead of the one the model folders hold" };
        var frames = new Option<int>("--frames") { Description = "Timed frames per provider", DefaultValueFactory = _ => 300 };
        var providers = new Option<string[]>("--providers")
        {
            Description = "Providers to time, in order (default: detector.providers)",
            AllowMultipleArgumentsPerToken = true,
        };
        var ceiling = new Option<double>("--ceiling-seconds")
        {
            Description = "Seconds for each of the two ways of the inference ceiling (best of 3 rounds each); 0 skips it",
            DefaultValueFactory = _ => 5,
        };
        var poolSeconds = new Option<double>("--pool-seconds")
        {
            Description = "Seconds to run the detector pool (one worker per core on the CPU, 2 on a GPU) with frames always waiting; 0 skips it",
            DefaultValueFactory = _ => 5,
        };
        var source = new Option<FileInfo?>("--source") { Description = "Video whose first frame is detected (default: media/vtest.avi from the mirror)" };
        var batches = new Option<string[]>("--batch")
        {
            Description = "Batch sizes to time on each provider, e.g. 1,8,32 (above 1 needs a dynamic-batch model); default 1",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("bench", "Print per-frame detection ms (p50/p99) on each provider and batch size and the inference ceiling, as one JSON line")
        {
            name, path, frames, providers, ceiling, poolSeconds, source, batches, CommonOptions.Config(),
        };
        command.SetAction(async (parse, ct) => await Run(parse, async () =>
        {
            var detector = options(parse);
            var model = catalogs().Resolve(parse.GetValue(name) ?? detector.Model, parse.GetValue(path)?.FullName ?? detector.ModelPath);
            var settings = DetectorFactory.CreateSettings(model, detector);
            var list = ExecutionProviderNames.ParseAll(parse.GetValue(providers) is { Length: > 0 } given ? given.SelectMany(p => p.Split(',')) : detector.Providers);
            var sessions = new SessionFactory(
                new SessionSettings { Providers = list, IntraOpThreads = detector.Threads > 0 ? detector.Threads : 1 }.WithGpu(detector.Gpu),
                logs.CreateLogger<SessionFactory>());

            var sizes = BatchSizes(parse.GetValue(batches));
            foreach (var size in sizes)
            {
                DetectorFactory.CheckBatch(model.Entry, size);
            }

            using var frame = BenchFrame(parse.GetValue(source)?.FullName);
            var results = list.SelectMany(p => sizes.Select(size =>
                DetectorBenchmark.Measure(model.Path, settings with { BatchSize = size }, sessions, p, frame, parse.GetValue(frames), ct))).ToList();
            var seconds = parse.GetValue(ceiling);
            var fastest = results.FirstOrDefault(r => r.Available);
            InferenceCeilingResult? limit = seconds > 0 && fastest is not null
                ? InferenceCeiling.Measure(model.Path, settings, TimeSpan.FromSeconds(seconds), sessions, fastest.Provider, cancellationToken: ct)
                : null;
            PoolBenchmarkResult? pool = null;
            if (parse.GetValue(poolSeconds) is > 0 and var poolTime && fastest is not null)
            {
                var workers = detector.Sessions > 0 ? detector.Sessions : fastest.Provider == ExecutionProvider.Cpu ? Environment.ProcessorCount : 2;
                await using var detectors = DetectorPool.Create(() => new OnnxObjectDetector(sessions.Create(model.Path, fastest.Provider), settings), workers);
                pool = await DetectorBenchmark.MeasurePoolAsync(detectors, frame, TimeSpan.FromSeconds(poolTime), inFlight: 2 * workers, ct);
            }

            parse.InvocationConfiguration.Output.WriteLine(BenchJson(model, results, limit, pool, fastest?.Provider));
            return results.Any(r => r.Available) ? 0 : 1;
        }));
        return command;
    }

    /// <summary>"1,8,32" or "1 8 32" into batch sizes; bad input names the option and what it takes.</summary>
    internal static IReadOnlyList<int> BatchSizes(string[]? given)
    {
        if (given is not { Length: > 0 })
        {
            return [1];
        }

        var sizes = new List<int>();
        foreach (var text in given.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 64)
            {
                throw new ArgumentException($"--batch '{text}': expected batch sizes from 1 to 64, e.g. --batch 1,8,32");
            }

            sizes.Add(size);
        }

        return [.. sizes.Distinct()];
    }

    private static Mat BenchFrame(string? video)
    {
        var file = video ?? AssetMirror.Find("media/vtest.avi");
        if (file is not null)
        {
            using var capture = new VideoCapture(file);
            var frame = new Mat();
            if (capture.Read(frame) && !frame.Empty())
            {
                return frame;
            }

            frame.Dispose();
            if (video is not null)
            {
                throw new FileNotFoundException($"could not read a frame from {video}, expected a video OpenCV can open", video);
            }
        }

        // No footage here: a fixed noise frame keeps the work comparable between runs.
        var noise = new Mat(576, 768, MatType.CV_8UC3);
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(255));
        return noise;
    }

    private static string BenchJson(
        ResolvedModel model, List<ProviderBenchmarkResult> results, InferenceCeilingResult? ceiling, PoolBenchmarkResult? pool, ExecutionProvider? poolProvider)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model.Entry.Name);
            json.WriteString("file", model.Path);
            json.WriteNumber("cores", Environment.ProcessorCount);

            // On a shared machine the figures only mean something next to the load they were taken under.
            if (LoadAverage() is { } load)
            {
                json.WriteNumber("load_average_1m", load);
            }

            json.WriteStartArray("providers");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("provider", r.Provider.Name());
                json.WriteBoolean("available", r.Available);
                if (r.Available)
                {
                    json.WriteNumber("intra_op_threads", r.IntraOpThreads);
                    json.WriteNumber("frames", r.Frames);
                    json.WriteNumber("p50_ms", Math.Round(r.P50Ms, 2));
                    json.WriteNumber("p99_ms", Math.Round(r.P99Ms, 2));
                    json.WriteNumber("mean_ms", Math.Round(r.MeanMs, 2));
                    json.WriteNumber("batch", r.Batch);
                    json.WriteNumber("ms_per_frame", Math.Round(r.MeanMsPerFrame, 2));
                }
                else
                {
                    json.WriteString("reason", r.Reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (ceiling is not null)
            {
                json.WriteStartObject("ceiling");
                json.WriteString("provider", ceiling.Provider.Name());
                json.WriteNumber("single_session_per_s", Math.Round(ceiling.SingleSessionPerSecond, 1));
                json.WriteNumber("session_per_core_per_s", Math.Round(ceiling.SessionPerCorePerSecond, 1));
                json.WriteNumber("best_per_s", Math.Round(ceiling.BestPerSecond, 1));
                json.WriteString("best_mode", ceiling.BestMode);
                json.WriteEndObject();
            }

            if (pool is not null)
            {
                json.WriteStartObject("pool");
                json.WriteString("provider", poolProvider?.Name());
                json.WriteNumber("workers", pool.Workers);
                json.WriteNumber("in_flight", pool.InFlight);
                json.WriteNumber("per_s", Math.Round(pool.PerSecond, 1));
                json.WriteNumber("detect_p50_ms", Math.Round(pool.DetectP50Ms, 2));
                json.WriteNumber("detect_p99_ms", Math.Round(pool.DetectP99Ms, 2));
                if (ceiling is not null)
                {
                    json.WriteNumber("of_ceiling", Math.Round(pool.PerSecond / ceiling.BestPerSecond, 3));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The site file's detector section when --config names one or the default exists; else the built-in defaults,
    /// saying so (a box where the model is fetched before the site file is written).
    /// </summary>
    internal static DetectorOptions FromSiteFile(ParseResult parse)
    {
        var given = parse.GetResult("--config") is System.CommandLine.Parsing.OptionResult { Implicit: false };
        var path = parse.GetValue<string>("--config") ?? WatchpostOptionsLoader.DefaultPath;
        if (!given && !File.Exists(path))
        {
            parse.InvocationConfiguration.Error.WriteLine($"note: no site file at {path}: using the built-in detector settings (pass --config FILE to use a site's)");
            return new DetectorOptions();
        }

        return WatchpostOptionsLoader.Load(path).Detector;
    }

    // A model that is missing or fails its check, a failed download or no provider: one clear line, exit code 1.
    // An unknown model name, a bad --providers or --source: bad input, exit code 2.
    private static async Task<int> Run(ParseResult parse, Func<Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ModelFileException or ExecutionProviderException or HttpRequestException)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: {e.Message}"));
            if (e is ModelFileException { FilePath: { } missing } && !File.Exists(missing))
            {
                await error.WriteLineAsync("hint: run `watchpost model fetch` (it downloads the manifest's model and checks its sha256), or fix detector.modelPath");
            }

            return ExitCodes.CheckFailed;
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or FileNotFoundException or ArgumentException)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: {e.Message}"));
            return ExitCodes.BadInput;
        }
    }
}
