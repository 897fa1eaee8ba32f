using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;

namespace Watchpost.Bench;

/// <summary>
/// The designs the pipeline is compared with, each run alone in this process for a few seconds on the same model
/// and footage: (b) the bare ONNX Runtime loop (a single-threaded session per core, fixed input), (c) OpenCV's DNN
/// module on the same ONNX file (a net per core, one OpenCV thread each), (d) the naive design, one thread per
/// camera with its own reader and its own 2-intra-op-thread session, every frame decoded and detected. Each runs as
/// fast as it can; its CPU-s per detection (decode included: measured for the naive design, the physical decode
/// cost added for the two that do not decode) gives the cameras it could serve at 5 detect-fps.
/// </summary>
internal sealed class PeerBenchmark(ILogger logger, string modelPath, DetectorSettings settings, SessionFactory sessions, ExecutionProvider provider, TimeSpan duration)
{
    private const double DetectFps = 5;

    /// <summary>Cores × 0.99 ÷ (5 × CPU-s per detection): the cameras whose detections the cores carry with 1 % to spare.</summary>
    public static int CamerasAt5Fps(int cores, double cpuSecondsPerDetection) =>
        cpuSecondsPerDetection <= 0 ? 0 : (int)Math.Floor(cores * 0.99 / (DetectFps * cpuSecondsPerDetection));

    public static BenchPeer Row(string name, string design, double detectionsPerSecond, double msPerDetection, double cpuCores, double extraCpuSecondsPerDetection, double rssMb)
    {
        var cpuPerDetection = (detectionsPerSecond > 0 ? cpuCores / detectionsPerSecond : double.PositiveInfinity) + extraCpuSecondsPerDetection;
        return new BenchPeer(name, design, Math.Round(detectionsPerSecond, 1), Math.Round(msPerDetection, 1), Math.Round(1000 * cpuPerDetection, 1),
            Math.Round(cpuCores, 2), CamerasAt5Fps(Environment.ProcessorCount, cpuPerDetection), Math.Round(rssMb, 1));
    }

    /// <param name="decodeCpuSecondsPerFrame">Added to the two peers that do not decode.</param>
    /// <param name="baseRssMb">The process before any session: each peer's RSS is this plus what it added.</param>
    public IReadOnlyList<BenchPeer> Run(string footage, int cameras, double decodeCpuSecondsPerFrame, double baseRssMb, CancellationToken cancellationToken)
    {
        var cores = Environment.ProcessorCount;
        var peers = new List<BenchPeer>();

        logger.LogInformation("Peer (b): bare ONNX Runtime, a single-threaded session per core");
        var bare = Measure(cores, _ => new BareOrt(sessions.Create(modelPath, provider, intraOpThreads: 1, allowSpinning: false), settings), cancellationToken);
        peers.Add(Row("b", $"bare ONNX Runtime loop, {cores} single-threaded sessions (plus decode cost)", bare.PerSecond, bare.MsPerRun, bare.CpuCores, decodeCpuSecondsPerFrame, baseRssMb + bare.RssAddedMb));

        logger.LogInformation("Peer (c): OpenCV DNN, a net per core");
        var threads = Cv2.GetNumThreads();
        Cv2.SetNumThreads(1);
        try
        {
            var dnn = Measure(cores, _ => new OpenCvNet(modelPath, settings, footage), cancellationToken);
            peers.Add(Row("c", $"OpenCV DNN (OpenCvSharp), {cores} nets on one thread each (plus decode cost)", dnn.PerSecond, dnn.MsPerRun, dnn.CpuCores, decodeCpuSecondsPerFrame, baseRssMb + dnn.RssAddedMb));
        }
        finally
        {
            Cv2.SetNumThreads(threads);
        }

        logger.LogInformation("Peer (d): naive, a thread, reader and 2-thread session per camera ({Cameras})", cameras);
        var naive = Measure(cameras, _ => new NaiveCamera(sessions.Create(modelPath, provider, intraOpThreads: 2), settings, footage), cancellationToken);
        peers.Add(Row("d", $"naive: {cameras} threads, each its own reader and 2-thread session", naive.PerSecond, naive.MsPerRun, naive.CpuCores, 0, baseRssMb + naive.RssAddedMb));
        return peers;
    }

    private sealed record Measured(double PerSecond, double MsPerRun, double CpuCores, double RssAddedMb);

    /// <summary>Runs <paramref name="threads"/> workers together for the duration once each is warm; process CPU and RSS around them.</summary>
    private Measured Measure(int threads, Func<int, IPeerWorker> create, CancellationToken cancellationToken)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var rssBefore = ProcessSampler.CurrentRssBytes;
        var workers = new IPeerWorker[threads];
        try
        {
            for (var i = 0; i < threads; i++)
            {
                workers[i] = create(i);
                workers[i].Run();
            }

            var counts = new long[threads];
            var perRun = new double[threads];
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var errors = new Exception?[threads];
            var running = Enumerable.Range(0, threads).Select(i => new Thread(() =>
            {
                try
                {
                    var times = new List<double>();
                    while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
                    {
                        var began = Stopwatch.GetTimestamp();
                        workers[i].Run();
                        times.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                        counts[i]++;
                    }

                    times.Sort();
                    perRun[i] = times.Count == 0 ? double.NaN : times[times.Count / 2];
                }
                catch (Exception e)
                {
                    errors[i] = e;
                }
            }) { IsBackground = true, Name = $"peer-{i}" }).ToList();
            running.ForEach(t => t.Start());
            running.ForEach(t => t.Join());
            var elapsed = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / elapsed;
            var rssAdded = (ProcessSampler.CurrentRssBytes - rssBefore) / (1024.0 * 1024.0);
            cancellationToken.ThrowIfCancellationRequested();
            if (errors.FirstOrDefault(e => e is not null) is { } error)
            {
                throw new InvalidOperationException($"a peer run failed: {error.Message}", error);
            }

            return new Measured(counts.Sum() / elapsed, perRun.Order().ElementAt(threads / 2), cpu, Math.Max(0, rssAdded));
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker?.Dispose();
            }
        }
    }

    private interface IPeerWorker : IDisposable
    {
        /// <summary>One detection (and for a design that reads, the frame it needs).</summary>
        void Run();
    }

    /// <summary>(b): a session and a fixed grey input, nothing else.</summary>
    private sealed class BareOrt(InferenceSession session, DetectorSettings settings) : IPeerWorker
    {
        private readonly BareInferenceLoop _loop = new(session, settings, ownsSession: true);

        public void Run() => _loop.Run();

        public void Dispose() => _loop.Dispose();
    }

    /// <summary>(c): OpenCV's DNN module on the same ONNX file, a real footage frame resized to the model's input as its blob.</summary>
    private sealed class OpenCvNet : IPeerWorker
    {
        private readonly Net _net;
        private readonly Mat _blob;

        public OpenCvNet(string modelPath, DetectorSettings settings, string footage)
        {
            _net = CvDnn.ReadNetFromOnnx(modelPath) ?? throw new InvalidOperationException($"OpenCV DNN cannot read '{modelPath}'");
            using var capture = new VideoCapture(footage);
            using var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty())
            {
                throw new InvalidDataException($"cannot read a frame of '{footage}'");
            }

            _blob = CvDnn.BlobFromImage(frame, settings.PixelScale, new Size(settings.InputWidth, settings.InputHeight), new Scalar(0, 0, 0), swapRB: false, crop: false);
        }

        public void Run()
        {
            _net.SetInput(_blob);
            using var output = _net.Forward();
        }

        public void Dispose()
        {
            _blob.Dispose();
            _net.Dispose();
        }
    }

    /// <summary>(d): a camera that reads its own copy of the footage (looped) and detects every frame with its own detector.</summary>
    private sealed class NaiveCamera : IPeerWorker
    {
        private readonly OnnxObjectDetector _detector;
        private readonly VideoCapture _capture;
        private readonly Mat _frame = new();

        public NaiveCamera(InferenceSession session, DetectorSettings settings, string footage)
        {
            _detector = new OnnxObjectDetector(session, settings);
            _capture = new VideoCapture(footage);
        }

        public void Run()
        {
            if (!_capture.Read(_frame) || _frame.Empty())
            {
                _capture.Set(VideoCaptureProperties.PosFrames, 0);
                if (!_capture.Read(_frame) || _frame.Empty())
                {
                    throw new InvalidDataException("the naive camera cannot read its footage");
                }
            }

            _detector.Detect(_frame);
        }

        public void Dispose()
        {
            _detector.Dispose();
            _capture.Dispose();
            _frame.Dispose();
        }
    }
}
