using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;

namespace Watchpost.Detection;

/// <summary>
/// The one detector service for all cameras. N workers, each a dedicated thread owning its own
/// <see cref="IObjectDetector"/> (a single-threaded session), take frames from one shared queue; on few cores this
/// reaches about twice the rate of one session spread over all cores. The pool owns the detectors and disposes them.
/// <para>
/// <see cref="DetectAsync"/> may be called from any thread. The caller keeps the <see cref="Mat"/> alive and
/// unchanged until the task completes; results of different calls may complete in any order, so a camera that keeps
/// several frames in flight consumes them in its own order.
/// </para>
/// <para>
/// Ownership: each worker detects into its own reused list (no allocation in the detector) and completes the task
/// with a copy sized to the detections, which belongs to the caller and stays valid for as long as it keeps it.
/// The copy, the queued job and its task are the pool's only per-frame allocations.
/// </para>
/// </summary>
internal sealed class DetectorPool : IDetectionService, IAsyncDisposable
{
    private const int Queued = 0, Running = 1, Cancelled = 2;

    private readonly IReadOnlyList<IObjectDetector> _detectors;
    private readonly BlockingCollection<Job> _queue = new(new ConcurrentQueue<Job>());
    private readonly Thread[] _threads;
    private readonly TaskCompletionSource[] _exited;
    private readonly LatencyRecorder _inference = new();
    private readonly LatencyRecorder _wait = new();
    private readonly ILogger _logger;
    private long _completed, _failed, _cancelled;
    private volatile bool _stopping;
    private int _disposed;

    /// <summary>Starts one worker per detector; the pool takes ownership of <paramref name="detectors"/>.</summary>
    public DetectorPool(IReadOnlyList<IObjectDetector> detectors, ILogger<DetectorPool>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        if (detectors.Count == 0)
        {
            throw new ArgumentException("a detector pool needs at least one detector", nameof(detectors));
        }

        _detectors = detectors;
        _logger = logger ?? NullLogger<DetectorPool>.Instance;
        Labels = detectors[0].Labels;
        _threads = new Thread[detectors.Count];
        _exited = new TaskCompletionSource[detectors.Count];
        for (var i = 0; i < detectors.Count; i++)
        {
            var detector = detectors[i];
            var exited = _exited[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _threads[i] = new Thread(() => Work(detector, exited)) { IsBackground = true, Name = $"detector-{i}" };
            _threads[i].Start();
        }

        _logger.LogInformation("Detector pool started with {Workers} worker(s)", detectors.Count);
    }

    /// <summary>
    /// Creates <paramref name="workers"/> detectors with <paramref name="createDetector"/> (one per core when null)
    /// and starts the pool; if one fails to build, the ones already built are disposed.
    /// </summary>
    public static DetectorPool Create(Func<IObjectDetector> createDetector, int? workers = null, ILogger<DetectorPool>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(createDetector);
        var count = workers is > 0 ? workers.Value : Environment.ProcessorCount;
        var detectors = new List<IObjectDetector>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                detectors.Add(createDetector());
            }
        }
        catch
        {
            detectors.ForEach(d => d.Dispose());
            throw;
        }

        return new DetectorPool(detectors, logger);
    }

    public int Workers => _threads.Length;

    int IDetectionService.Parallelism => Workers;

    /// <summary>Class names in the model's order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>
    /// Queues <paramref name="frame"/> (BGR, any size) and completes with its detections. Cancelling completes the task
    /// at once while the frame is still queued; once a worker has started on it, the task completes when it is done.
    /// </summary>
    public Task<IReadOnlyList<DetectedObject>> DetectAsync(Mat frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<DetectedObject>>(cancellationToken);
        }

        var job = new Job(frame, cancellationToken);
        if (cancellationToken.CanBeCanceled)
        {
            job.Registration = cancellationToken.Register(static state => ((Job)state!).TryCancel(), job);
        }

        try
        {
            _queue.Add(job, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            job.Registration.Dispose();
            throw new ObjectDisposedException(nameof(DetectorPool));
        }

        return job.Completion.Task;
    }

    public DetectorPoolStats Stats()
    {
        var inference = _inference.Snapshot();
        var wait = _wait.Snapshot();
        return new DetectorPoolStats(
            Workers,
            Interlocked.Read(ref _completed),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _cancelled),
            _queue.Count,
            LatencyRecorder.Percentile(inference, 0.5),
            LatencyRecorder.Percentile(inference, 0.99),
            LatencyRecorder.Percentile(wait, 0.5),
            LatencyRecorder.Percentile(wait, 0.99));
    }

    /// <summary>Recent per-frame detection times in milliseconds (for bench percentiles).</summary>
    public double[] InferenceSamples() => _inference.Snapshot();

    /// <summary>
    /// How long a worker whose detector takes batches waits for more frames once it has one: short, because every
    /// frame of the batch waits for the last one. Only a dynamic-batch model with <c>detector.batchSize</c> &gt; 1
    /// batches (a GPU gains from it; on the CPU it measured no faster, so the default is 1).
    /// </summary>
    private static readonly TimeSpan BatchDeadline = TimeSpan.FromMilliseconds(4);

    private void Work(IObjectDetector detector, TaskCompletionSource exited)
    {
        var batchSize = Math.Max(1, detector.BatchSize);
        var jobs = new List<Job>(batchSize);
        var frames = new List<Mat>(batchSize);
        var found = Enumerable.Range(0, batchSize).Select(_ => new List<DetectedObject>(64)).ToList();
        try
        {
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                jobs.Clear();
                Claim(first, jobs);
                var deadline = Stopwatch.GetTimestamp() + (long)(BatchDeadline.TotalSeconds * Stopwatch.Frequency);
                while (jobs.Count < batchSize && !_stopping)
                {
                    var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (left <= TimeSpan.Zero || !_queue.TryTake(out var next, left))
                    {
                        break;
                    }

                    Claim(next, jobs);
                }

                if (jobs.Count > 0)
                {
                    Run(detector, jobs, frames, found);
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Detector worker {Worker} stopped unexpectedly", Thread.CurrentThread.Name);
        }
        finally
        {
            exited.TrySetResult();
        }
    }

    /// <summary>Takes the job for this worker unless it was cancelled while queued (or the pool is stopping).</summary>
    private void Claim(Job job, List<Job> jobs)
    {
        if (_stopping)
        {
            job.TryCancel();
        }

        if (Interlocked.CompareExchange(ref job.State, Running, Queued) != Queued)
        {
            Interlocked.Increment(ref _cancelled);
            return;
        }

        job.Registration.Dispose();
        jobs.Add(job);
    }

    private void Run(IObjectDetector detector, List<Job> jobs, List<Mat> frames, List<List<DetectedObject>> found)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var job in jobs)
        {
            _wait.Record(Stopwatch.GetElapsedTime(job.Enqueued, started).TotalMilliseconds);
        }

        try
        {
            if (jobs.Count == 1)
            {
                detector.Detect(jobs[0].Frame, found[0]);
            }
            else
            {
                frames.Clear();
                frames.AddRange(jobs.Select(j => j.Frame));
                detector.DetectBatch(frames, found);
            }

            // Per frame, so that a batch of 8 reads as 8 frames' share of the run.
            var perFrame = Stopwatch.GetElapsedTime(started).TotalMilliseconds / jobs.Count;
            for (var i = 0; i < jobs.Count; i++)
            {
                _inference.Record(perFrame);
                Interlocked.Increment(ref _completed);
                jobs[i].Completion.TrySetResult(found[i].ToArray());
            }
        }
        catch (Exception e)
        {
            foreach (var job in jobs)
            {
                Interlocked.Increment(ref _failed);
                job.Completion.TrySetException(e);
            }
        }
        finally
        {
            frames.Clear();
        }
    }

    /// <summary>Cancels the frames still queued, waits for the frames being detected, stops the workers and disposes the detectors.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        _queue.CompleteAdding();

        // Frames still queued are cancelled now rather than after the frames being detected.
        while (_queue.TryTake(out var job))
        {
            job.TryCancel();
            Interlocked.Increment(ref _cancelled);
        }

        await Task.WhenAll(_exited.Select(e => e.Task));
        foreach (var detector in _detectors)
        {
            detector.Dispose();
        }

        _queue.Dispose();
        _logger.LogInformation("Detector pool stopped after {Completed} frame(s)", Interlocked.Read(ref _completed));
    }

    private sealed class Job(Mat frame, CancellationToken cancellationToken)
    {
        public int State = Queued;
        public readonly Mat Frame = frame;
        public readonly long Enqueued = Stopwatch.GetTimestamp();
        public readonly TaskCompletionSource<IReadOnlyList<DetectedObject>> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration;

        public void TryCancel()
        {
            if (Interlocked.CompareExchange(ref State, Cancelled, Queued) == Queued)
            {
                Completion.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : CancellationToken.None);
            }
        }
    }
}
