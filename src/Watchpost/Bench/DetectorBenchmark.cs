using System.Diagnostics;
using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;

namespace Watchpost.Bench;

/// <summary>Times a detector frame by frame on each execution provider in turn (for <c>watchpost model bench</c>).</summary>
internal static class DetectorBenchmark
{
    private const int WarmupFrames = 10;

    /// <summary>
    /// Runs <paramref name="frames"/> detections of <paramref name="frame"/> on <paramref name="provider"/> after a warm-up
    /// (which also pays TensorRT's engine build); a provider that cannot run is reported with its reason, not thrown.
    /// With <see cref="DetectorSettings.BatchSize"/> above 1 (a dynamic-batch model), each run takes that many copies
    /// of the frame and the samples are per run.
    /// </summary>
    public static ProviderBenchmarkResult Measure(
        string modelPath, DetectorSettings settings, SessionFactory sessions, ExecutionProvider provider, Mat frame, int frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(settings);
        var batch = settings.BatchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        var threads = sessions.Settings.IntraOpThreads;
        Microsoft.ML.OnnxRuntime.InferenceSession session;
        try
        {
            session = sessions.Create(modelPath, provider);
        }
        catch (ExecutionProviderException e)
        {
            return new ProviderBenchmarkResult(provider, false, e.Failures[0].Reason, threads, 0, double.NaN, double.NaN, double.NaN, batch);
        }

        OnnxObjectDetector detector;
        try
        {
            detector = new OnnxObjectDetector(session, settings);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        using (detector)
        {
            var inputs = Enumerable.Repeat(frame, batch).ToArray();
            var results = Enumerable.Range(0, batch).Select(_ => new List<DetectedObject>(64)).ToArray();
            for (var i = 0; i < WarmupFrames; i++)
            {
                detector.DetectBatch(inputs, results);
            }

            var runs = Math.Max(1, frames / batch);
            var samples = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                detector.DetectBatch(inputs, results);
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var mean = samples.Average();
            return new ProviderBenchmarkResult(
                provider, true, null, threads, runs * batch, LatencyRecorder.Percentile(samples, 0.5), LatencyRecorder.Percentile(samples, 0.99), mean, batch);
        }
    }

    /// <summary>
    /// Keeps <paramref name="inFlight"/> detections of <paramref name="frame"/> queued on <paramref name="pool"/> for
    /// <paramref name="duration"/> and returns the rate it completes them: the detection stage's own throughput.
    /// </summary>
    public static async Task<PoolBenchmarkResult> MeasurePoolAsync(
        DetectorPool pool, Mat frame, TimeSpan duration, int inFlight, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        for (var i = 0; i < WarmupFrames; i++)
        {
            await pool.DetectAsync(frame, cancellationToken);
        }

        var before = pool.Stats().Completed;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var lanes = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                await pool.DetectAsync(frame, cancellationToken);
            }
        });
        await Task.WhenAll(lanes);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var stats = pool.Stats();
        return new PoolBenchmarkResult(pool.Workers, inFlight, (stats.Completed - before) / elapsed, stats.InferenceP50Ms, stats.InferenceP99Ms);
    }
}
