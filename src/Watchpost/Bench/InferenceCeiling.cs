using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Watchpost.Detection;
using Watchpost.Detection.Runtime;

namespace Watchpost.Bench;

/// <summary>
/// Measures the ceiling the detector service is judged against: the inference rate of a bare ONNX Runtime loop
/// (no letterbox, no decode, a fixed grey input) on the same model, run two ways — one session whose intra-op
/// threads cover every core, and one single-threaded session per core in parallel. The two alternate over a few
/// rounds and each keeps its best round, so that a burst of other work on a shared machine does not decide the
/// figure. Bench divides the pipeline's detections per second by <see cref="InferenceCeilingResult.BestPerSecond"/>.
/// </summary>
internal static class InferenceCeiling
{
    private const int WarmupRuns = 5;

    /// <param name="duration">Time for each way in total, split over <paramref name="rounds"/> rounds.</param>
    public static InferenceCeilingResult Measure(
        string modelPath,
        DetectorSettings settings,
        TimeSpan duration,
        SessionFactory? sessions = null,
        ExecutionProvider provider = ExecutionProvider.Cpu,
        int? cores = null,
        int rounds = 3,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        sessions ??= new SessionFactory(new SessionSettings { Providers = [provider] });
        var count = cores is > 0 ? cores.Value : Environment.ProcessorCount;
        var round = duration / rounds;

        var single = new List<InferenceSession>(1);
        var perCore = new List<InferenceSession>(count);
        try
        {
            single.Add(sessions.Create(modelPath, provider, intraOpThreads: count, allowSpinning: true));
            for (var i = 0; i < count; i++)
            {
                perCore.Add(sessions.Create(modelPath, provider, intraOpThreads: 1, allowSpinning: false));
            }

            double bestSingle = 0, bestParallel = 0;
            for (var r = 0; r < rounds; r++)
            {
                bestSingle = Math.Max(bestSingle, RunParallel(single, settings, round, cancellationToken));
                bestParallel = Math.Max(bestParallel, RunParallel(perCore, settings, round, cancellationToken));
            }

            return new InferenceCeilingResult(provider, count, bestSingle, bestParallel);
        }
        finally
        {
            single.ForEach(s => s.Dispose());
            perCore.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Runs every session in a loop on its own thread, all starting together once warm; returns runs per second in total.</summary>
    private static double RunParallel(List<InferenceSession> sessions, DetectorSettings settings, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var ready = new CountdownEvent(sessions.Count);
        using var go = new ManualResetEventSlim();
        var counts = new long[sessions.Count];
        var errors = new Exception?[sessions.Count];
        long deadline = 0;
        var threads = sessions.Select((session, i) => new Thread(() =>
        {
            var signalled = false;
            try
            {
                using var loop = new BareInferenceLoop(session, settings);
                for (var w = 0; w < WarmupRuns; w++)
                {
                    loop.Run();
                }

                ready.Signal();
                signalled = true;
                go.Wait(cancellationToken);
                var end = Volatile.Read(ref deadline);
                while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
                {
                    loop.Run();
                    counts[i]++;
                }
            }
            catch (Exception e)
            {
                errors[i] = e;
                if (!signalled)
                {
                    ready.Signal();
                }
            }
        }) { IsBackground = true, Name = $"ceiling-{i}" }).ToList();

        threads.ForEach(t => t.Start());
        ready.Wait(cancellationToken);
        var began = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, began + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        go.Set();
        threads.ForEach(t => t.Join());
        cancellationToken.ThrowIfCancellationRequested();
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw new InvalidOperationException($"inference ceiling run failed: {error.Message}", error);
        }

        return counts.Sum() / Stopwatch.GetElapsedTime(began).TotalSeconds;
    }
}
