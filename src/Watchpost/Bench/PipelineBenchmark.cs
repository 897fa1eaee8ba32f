using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Mqtt;

namespace Watchpost.Bench;

/// <summary>
/// Runs the real appliance (the same host as `run`) on N cameras, after measuring alone, in the same run, what the
/// machine can do: the inference ceiling (a bare ONNX Runtime loop on the same model) and the physical capacity
/// (cores ÷ (inference + decode CPU-s per frame)). Cameras read a file (looped), a stream, or each its own live
/// stream from bench's own RTSP server (--rtsp), of the footage or of the quiet scene. Decode CPU is sampled per
/// camera from its ffmpeg reader, the RTSP server's apart from both.
/// </summary>
public sealed class PipelineBenchmark(ILoggerFactory loggers)
{
    private const string CameraGroup = "camera:";
    private readonly ILogger _logger = loggers.CreateLogger<PipelineBenchmark>();

    public async Task<BenchReport> RunAsync(BenchSettings bench, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var baseRssMb = Mb(ProcessSampler.CurrentRssBytes);
        var detector = new DetectorOptions
        {
            Model = bench.Model, ModelPath = bench.ModelPath, Sessions = bench.Workers,
            Overload = new DetectorOverloadOptions { ReduceIngest = !bench.KeepIngest },
        };
        var factory = new DetectorFactory(detector, loggers);
        var selection = factory.Sessions.Probe(factory.Model.Path);
        var rtsp = bench.Rtsp || bench.QuietScene;
        var scene = QuietScene.Default;

        // What the cameras read: the footage as it is, or a clip made from it for the RTSP publishers.
        var source = bench.Source;
        if (rtsp)
        {
            if (CameraUrl.Parse("bench", bench.Source).Kind != CameraUrlKind.File)
            {
                throw new ArgumentException($"--rtsp and --scene quiet make their clip from a footage file; '{bench.Source}' is not one");
            }

            _logger.LogInformation("Making the {Scene} clip from {Footage} (cached in {Cache})", bench.QuietScene ? "quiet-scene" : "live", bench.Source, BenchCache.Folder());
            source = bench.QuietScene
                ? await ClipBuilder.QuietClipAsync(bench.Source, scene, null, cancellationToken)
                : await ClipBuilder.LiveClipAsync(bench.Source, null, cancellationToken);
        }

        var physical = await MeasurePhysicalAsync(bench, factory, selection.Chosen, source, cancellationToken);

        _logger.LogInformation("Measuring the inference ceiling ({Seconds} s per mode) on {Provider}", bench.CeilingSeconds, selection.Chosen);
        var ceiling = InferenceCeiling.Measure(factory.Model.Path, factory.Settings, TimeSpan.FromSeconds(bench.CeilingSeconds),
            factory.Sessions, selection.Chosen, cancellationToken: cancellationToken);
        _logger.LogInformation("Ceiling: {Single:F1}/s one session, {PerCore:F1}/s one session per core", ceiling.SingleSessionPerSecond, ceiling.SessionPerCorePerSecond);

        var ids = Enumerable.Range(1, bench.Cameras).Select(i => $"cam-{i}").ToList();
        await using var server = rtsp ? await BenchRtspServer.StartAsync(source, ids, _logger, cancellationToken) : null;
        var storage = Directory.CreateTempSubdirectory("watchpost-bench-");
        BenchReport report;
        try
        {
            var frame = await FrameSizeAsync(source, cancellationToken);
            var site = Site(bench, ids, id => server?.UrlFor(id) ?? source, frame, detector, storage.FullName);
            WatchpostOptionsLoader.Validate(site, "the bench site");
            await using var app = ApplianceHost.Build(site);
            await using var sampler = new ProcessSampler();
            await app.StartAsync(cancellationToken);

            // The alerts' frame-to-alert latency counts only alerts a subscriber took: bench is that subscriber.
            await using var alerts = await SubscribeToAlertsAsync(app.Services, site, cancellationToken);

            var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
            var pool = app.Services.GetRequiredService<DetectorPool>();
            var recorder = app.Services.GetRequiredService<EventRecorder>();
            var children = new CpuMeter();
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = SampleChildrenAsync(children, supervisor, server, stopSampling.Token);

            // Counters from after the warm-up (sessions created, first frames decoded) to the end.
            var warmup = TimeSpan.FromSeconds(Math.Min(5, bench.Seconds / 5));
            await Task.Delay(warmup, cancellationToken);
            SampleChildren(children, supervisor, server);
            children.OpenWindow();
            var start = supervisor.Status();
            var detectorRunsAtStart = pool.Stats().Completed;
            var windowStart = DateTimeOffset.UtcNow;
            var startTime = TimeProvider.System.GetTimestamp();
            var cpuAtStart = sampler.CpuSeconds;
            var rssAfterWarmup = ProcessSampler.CurrentRssBytes;
            await Task.Delay(TimeSpan.FromSeconds(bench.Seconds) - warmup, cancellationToken);
            SampleChildren(children, supervisor, server);
            var end = supervisor.Status();
            var elapsed = TimeProvider.System.GetElapsedTime(startTime).TotalSeconds;
            var windowEnd = DateTimeOffset.UtcNow;
            var cpu = (sampler.CpuSeconds - cpuAtStart) / elapsed;
            var rssAtEnd = ProcessSampler.CurrentRssBytes;
            var stats = pool.Stats();
            var latency = recorder.Latency;
            await stopSampling.CancelAsync();
            await sampling;
            await app.StopAsync(CancellationToken.None);

            var perCamera = end.Select(e =>
            {
                var s = start.Single(x => x.Id == e.Id);
                var processed = e.FramesProcessed - s.FramesProcessed;
                var expected = BenchShortfall.Expected(bench.DetectFps, elapsed, e.FramesIn - s.FramesIn);
                var decode = children.Seconds(CameraGroup + e.Id);
                return new BenchCameraReport(e.Id, e.FramesIn - s.FramesIn, processed, e.FramesDropped - s.FramesDropped, e.Reconnects,
                    Math.Round(processed / elapsed, 2), Math.Round(expected, 1), Math.Round(BenchShortfall.Of(processed, expected), 4),
                    children.Seen(CameraGroup + e.Id) ? Math.Round(decode / elapsed, 3) : null, e.FramesGated - s.FramesGated);
            }).ToList();
            var detectionsPerSecond = perCamera.Sum(c => c.FramesProcessed) / elapsed;
            var walkIns = bench.QuietScene && server is not null
                ? await WalkInsAsync(app.Services.GetRequiredService<IEventStore>(), scene, server, ids, windowStart, windowEnd, cancellationToken)
                : null;

            report = new BenchReport(
                bench.Cameras, bench.Source, Math.Round(elapsed + warmup.TotalSeconds, 1), selection.Chosen.ToString().ToLowerInvariant(), stats.Workers,
                bench.DetectFps, bench.QuietScene ? "quiet" : "footage", rtsp, bench.Motion,
                perCamera, Math.Round(detectionsPerSecond, 1), Math.Round((stats.Completed - detectorRunsAtStart) / elapsed, 1),
                Math.Round(perCamera.Count == 0 ? 0 : perCamera.Max(c => c.Shortfall), 4),
                Math.Round(BenchShortfall.Total(perCamera.Select(c => (c.FramesProcessed, c.Expected))), 4),
                Math.Round(BenchShortfall.Fairness(perCamera.Select(c => c.DetectPerSecond)), 3),
                new BenchPercentiles(Math.Round(stats.InferenceP50Ms, 2), Math.Round(stats.InferenceP99Ms, 2)),
                new BenchPercentiles(Math.Round(stats.QueueWaitP50Ms, 2), Math.Round(stats.QueueWaitP99Ms, 2)),
                new BenchPercentiles(Math.Round(latency.P50.TotalMilliseconds, 1), Math.Round(latency.P99.TotalMilliseconds, 1)), latency.Count,
                Math.Round(cpu, 2),
                Math.Round(children.Seconds(g => g.StartsWith(CameraGroup, StringComparison.Ordinal)) / elapsed, 3),
                server is null ? null : Math.Round(children.Seconds(g => g is BenchRtspServer.ServerGroup or BenchRtspServer.PublisherGroup) / elapsed, 3),
                Mb(ProcessSampler.PeakRssBytes), Mb(rssAfterWarmup), Mb(rssAtEnd),
                [.. sampler.RssSamples.Where(s => s.Seconds % 60 < 1 && s.Seconds >= 59).Select(s => Mb(s.RssBytes))],
                new BenchCeiling(Math.Round(ceiling.SingleSessionPerSecond, 1), Math.Round(ceiling.SessionPerCorePerSecond, 1),
                    Math.Round(ceiling.BestPerSecond, 1), ceiling.BestMode, ceiling.Cores),
                Math.Round(detectionsPerSecond / ceiling.BestPerSecond, 3),
                physical is null ? null : new BenchPhysical(Math.Round(physical.InferenceCpuSecondsPerFrame, 5), Math.Round(physical.DecodeCpuSecondsPerFrame, 5),
                    physical.Cores, Math.Round(physical.PerSecond, 1)),
                physical is null ? null : Math.Round(physical.Ratio(detectionsPerSecond), 3),
                walkIns,
                null,
                LoadAverage());
        }
        finally
        {
            storage.Delete(recursive: true);
        }

        if (!bench.Peers)
        {
            return report;
        }

        // Alone: the pipeline, its cameras and the RTSP server are gone.
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        var pipeline = PeerBenchmark.Row("a", $"this pipeline, {bench.Cameras} {(rtsp ? "RTSP" : "file")} cameras at detectFps {bench.DetectFps}",
            report.DetectionsPerSecond, report.InferenceMs.P50, report.ProcessCpuCores + report.DecodeCpuCores, 0, report.RssAtEndMb);
        var peers = new PeerBenchmark(_logger, factory.Model.Path, factory.Settings, factory.Sessions, selection.Chosen, TimeSpan.FromSeconds(bench.CeilingSeconds))
            .Run(bench.Source, bench.Cameras, physical?.DecodeCpuSecondsPerFrame ?? 0, baseRssMb, cancellationToken);
        return report with { Peers = [pipeline, .. peers] };
    }

    /// <summary>Inference and decode measured alone; null for a source ffmpeg cannot decode to its end (a live stream not bench's own).</summary>
    private async Task<PhysicalCapacity?> MeasurePhysicalAsync(BenchSettings bench, DetectorFactory factory, ExecutionProvider provider, string source, CancellationToken cancellationToken)
    {
        if (IsNetwork(source))
        {
            _logger.LogWarning("ratio_to_physical is not measured for a foreign stream ({Source}): bench cannot decode it alone", source);
            return null;
        }

        _logger.LogInformation("Measuring inference ({Seconds} s, one single-threaded session) and decode ({Source}) alone", bench.PhysicalSeconds, source);
        var inference = PhysicalMeasure.InferenceCpuSecondsPerFrame(factory.Model.Path, factory.Settings, factory.Sessions, provider,
            TimeSpan.FromSeconds(bench.PhysicalSeconds), cancellationToken);
        var decode = await PhysicalMeasure.DecodeCpuSecondsPerFrameAsync(source, bench.DetectFps, bench.Hwaccel, cancellationToken);
        var physical = new PhysicalCapacity(inference, decode, Environment.ProcessorCount);
        _logger.LogInformation("Physical: {Inference:F4} CPU-s inference + {Decode:F4} CPU-s decode per frame on {Cores} cores = {PerSecond:F1}/s",
            inference, decode, physical.Cores, physical.PerSecond);
        return physical;
    }

    private static async Task<BenchWalkIns> WalkInsAsync(IEventStore events, QuietScene scene, BenchRtspServer server, IReadOnlyList<string> ids,
        DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        var all = await events.QueryAsync(new EventQuery(Limit: EventQuery.MaxLimit), cancellationToken);
        var cameras = ids.Where(id => server.ClipStart(id) is not null).Select(id => (
            server.ClipStart(id)!.Value,
            (IReadOnlyList<DateTimeOffset>)[.. all.Where(e => e.CameraId == id).Select(e => new DateTimeOffset(e.StartedAt, TimeSpan.Zero))])).ToList();
        return WalkInAnalysis.Analyse(scene, windowStart, windowEnd, cameras);
    }

    private async Task<MqttConnection?> SubscribeToAlertsAsync(IServiceProvider services, WatchpostOptions site, CancellationToken cancellationToken)
    {
        if (services.GetService<EmbeddedMqttBroker>() is not { } broker)
        {
            return null;
        }

        var subscriber = new MqttConnection(broker.ClientEndpoint, new MqttConnectionSettings { TopicPrefix = site.Mqtt.TopicPrefix, DeviceId = "bench-alerts" },
            loggers.CreateLogger<MqttConnection>());
        subscriber.Subscribe(MqttTopics.Alerts(site.Mqtt.TopicPrefix, site.Site.DeviceId), (_, _) => Task.CompletedTask);
        await subscriber.StartAsync(cancellationToken);
        return subscriber;
    }

    private static async Task SampleChildrenAsync(CpuMeter meter, CameraSupervisor supervisor, BenchRtspServer? server, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                SampleChildren(meter, supervisor, server);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void SampleChildren(CpuMeter meter, CameraSupervisor supervisor, BenchRtspServer? server) =>
        meter.Sample([.. supervisor.ReaderProcessIds().Select(r => (CameraGroup + r.Key, r.Value)), .. server?.Processes() ?? []]);

    /// <summary>The source's frame size (ffprobe), for the zone that covers the whole frame.</summary>
    private static async Task<(int Width, int Height)> FrameSizeAsync(string source, CancellationToken cancellationToken)
    {
        var probe = await Cli.ChildProcess.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", source], cancellationToken);
        var parts = probe.Stdout.Trim().Split(',');
        if (probe.ExitCode != 0 || parts.Length != 2 || !int.TryParse(parts[0], out var width) || !int.TryParse(parts[1], out var height))
        {
            throw new ArgumentException($"ffprobe cannot tell the frame size of '{source}': {probe.Stderr.Trim()}");
        }

        return (width, height);
    }

    private static bool IsNetwork(string url) => CameraUrl.Parse("bench", url).Kind == CameraUrlKind.Network;

    /// <summary>N cameras, one zone over the whole frame each and an alert for every new person in it.</summary>
    private static WatchpostOptions Site(BenchSettings bench, IReadOnlyList<string> ids, Func<string, string> url, (int Width, int Height) frame, DetectorOptions detector, string storage)
    {
        var cameras = ids.Select(id =>
        {
            var isFile = CameraUrl.Parse(id, url(id)).Kind == CameraUrlKind.File;
            return new CameraOptions
            {
                Id = id,
                Url = url(id),
                Loop = isFile,

                // Read as fast as the pipeline takes frames, unless a detect rate asks for a camera's pace.
                Realtime = !isFile || bench.DetectFps > 0,
                DetectFps = bench.DetectFps,

                // rtsp-server-perl relays over UDP only.
                Transport = bench.Rtsp || bench.QuietScene ? "udp" : bench.Transport,

                Hwaccel = bench.Hwaccel ?? "none",
                Motion = new MotionOptions { Enabled = bench.Motion },
            };
        }).ToList();
        return new WatchpostOptions
        {
            Site = new SiteOptions { DeviceId = "bench" },
            Detector = detector,
            Cameras = cameras,
            Zones = [.. cameras.Select(c => new ZoneOptions { Id = $"{c.Id}-all", Camera = c.Id, Polygon = [[0, 0], [frame.Width - 1, 0], [frame.Width - 1, frame.Height - 1], [0, frame.Height - 1]] })],
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
