using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.Bench;

/// <summary>
/// Runs the real appliance (the same host as `run`) on N cameras fed from one file or stream, after measuring
/// the machine's inference ceiling with a bare ONNX Runtime loop on the same model, and reports the pipeline
/// against it. File sources are read as fast as the pipeline takes them (looped); every frame is detected.
/// </summary>
public sealed class PipelineBenchmark(ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<PipelineBenchmark>();

    public async Task<BenchReport> RunAsync(BenchSettings bench, CancellationToken cancellationToken)
    {
        var detector = new DetectorOptions { Model = bench.Model, ModelPath = bench.ModelPath, Sessions = bench.Workers };
        var factory = new DetectorFactory(detector, loggers);
        var selection = factory.Sessions.Probe(factory.Model.Path);

        _logger.LogInformation("Measuring the inference ceiling ({Seconds} s per mode) on {Provider}", bench.CeilingSeconds, selection.Chosen);
        var ceiling = InferenceCeiling.Measure(factory.Model.Path, factory.Settings, TimeSpan.FromSeconds(bench.CeilingSeconds),
            factory.Sessions, selection.Chosen, cancellationToken: cancellationToken);
        _logger.LogInformation("Ceiling: {Single:F1}/s one session, {PerCore:F1}/s one session per core", ceiling.SingleSessionPerSecond, ceiling.SessionPerCorePerSecond);

        var storage = Directory.CreateTempSubdirectory("watchpost-bench-");
        try
        {
            var site = Site(bench, detector, storage.FullName);
            WatchpostOptionsLoader.Validate(site, "the bench site");
            await using var app = ApplianceHost.Build(site);
            await using var sampler = new ProcessSampler();
            await app.StartAsync(cancellationToken);

            var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
            var pool = app.Services.GetRequiredService<DetectorPool>();
            var recorder = app.Services.GetRequiredService<EventRecorder>();

            // Counters from after the warm-up (sessions created, first frames decoded) to the end.
            var warmup = TimeSpan.FromSeconds(Math.Min(5, bench.Seconds / 5));
            await Task.Delay(warmup, cancellationToken);
            var start = supervisor.Status();
            var startTime = TimeProvider.System.GetTimestamp();
            var rssAfterWarmup = ProcessSampler.CurrentRssBytes;
            await Task.Delay(TimeSpan.FromSeconds(bench.Seconds) - warmup, cancellationToken);
            var end = supervisor.Status();
            var elapsed = TimeProvider.System.GetElapsedTime(startTime).TotalSeconds;
            var cpu = sampler.CpuCores;
            var rssAtEnd = ProcessSampler.CurrentRssBytes;
            var stats = pool.Stats();
            var latency = recorder.Latency;
            await app.StopAsync(CancellationToken.None);

            var perCamera = end.Select(e =>
            {
                var s = start.Single(x => x.Id == e.Id);
                return new BenchCameraReport(e.Id, e.FramesIn - s.FramesIn, e.FramesProcessed - s.FramesProcessed, e.FramesDropped - s.FramesDropped, e.Reconnects);
            }).ToList();
            var detectionsPerSecond = perCamera.Sum(c => c.FramesProcessed) / elapsed;
            return new BenchReport(
                bench.Cameras, bench.Source, Math.Round(elapsed + warmup.TotalSeconds, 1), selection.Chosen.ToString().ToLowerInvariant(), stats.Workers,
                perCamera, Math.Round(detectionsPerSecond, 1),
                new BenchPercentiles(Math.Round(stats.InferenceP50Ms, 2), Math.Round(stats.InferenceP99Ms, 2)),
                new BenchPercentiles(Math.Round(stats.QueueWaitP50Ms, 2), Math.Round(stats.QueueWaitP99Ms, 2)),
                new BenchPercentiles(Math.Round(latency.P50.TotalMilliseconds, 1), Math.Round(latency.P99.TotalMilliseconds, 1)), latency.Count,
                Math.Round(cpu, 2), Mb(ProcessSampler.PeakRssBytes), Mb(rssAfterWarmup), Mb(rssAtEnd),
                [.. sampler.RssSamples.Where(s => s.Seconds % 60 < 1 && s.Seconds >= 59).Select(s => Mb(s.RssBytes))],
                new BenchCeiling(Math.Round(ceiling.SingleSessionPerSecond, 1), Math.Round(ceiling.SessionPerCorePerSecond, 1),
                    Math.Round(ceiling.BestPerSecond, 1), ceiling.BestMode, ceiling.Cores),
                Math.Round(detectionsPerSecond / ceiling.BestPerSecond, 3),
                LoadAverage());
        }
        finally
        {
            storage.Delete(recursive: true);
        }
    }

    /// <summary>N cameras on the same source, one zone over the whole frame and an alert for every new person in it.</summary>
    private static WatchpostOptions Site(BenchSettings bench, DetectorOptions detector, string storage)
    {
        var isFile = CameraUrl.Parse("bench", bench.Source).Kind == CameraUrlKind.File;
        var cameras = Enumerable.Range(1, bench.Cameras)
            .Select(i => new CameraOptions { Id = $"cam-{i}", Url = bench.Source, Loop = isFile, Realtime = !isFile, Transport = bench.Transport })
            .ToList();
        return new WatchpostOptions
        {
            Site = new SiteOptions { DeviceId = "bench" },
            Detector = detector,
            Cameras = cameras,
            Zones = [.. cameras.Select(c => new ZoneOptions { Id = $"{c.Id}-all", Camera = c.Id, Polygon = [[0, 0], [1e6f, 0], [1e6f, 1e6f], [0, 1e6f]] })],
            Rules = [.. cameras.Select(c => new Behaviours.Intrusion.IntrusionRuleOptions { Id = $"{c.Id}-intrusion", Zone = $"{c.Id}-all", Classes = ["person"], CooldownSeconds = 0 })],
            Mqtt = new MqttOptions { EmbeddedPort = 0 },
            Storage = new StorageOptions { Path = storage },
            Console = new ConsoleOptions { Listen = "http://127.0.0.1:0" },
        };
    }

    private static double Mb(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
