using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Models;

namespace Watchpost.Tests.Detection;

public class DetectorPoolTests
{
    [Fact]
    public async Task Many_concurrent_frames_get_the_same_detections_as_one_detector_alone()
    {
        int[] numbers = [1, 100, 200, 300, 400, 500, 600, 700];
        var frames = Footage.Frames(numbers);
        try
        {
            List<IReadOnlyList<DetectedObject>> expected;
            using (var single = RealDetector.Create())
            {
                expected = [.. frames.Select(f => single.Detect(f).ToList())];
            }

            await using var pool = DetectorPool.Create(() => RealDetector.Create(), workers: 3);
            var jobs = Enumerable.Range(0, 48).Select(i => (Frame: i % frames.Count, Task: pool.DetectAsync(frames[i % frames.Count]))).ToList();
            await Task.WhenAll(jobs.Select(j => j.Task));

            foreach (var (frame, task) in jobs)
            {
                Assert.Equal(expected[frame], await task);
            }

            var stats = pool.Stats();
            Assert.Equal(3, stats.Workers);
            Assert.Equal(48, stats.Completed);
            Assert.Equal(0, stats.Failed);
            Assert.Equal(0, stats.Queued);
            Assert.True(stats.InferenceP50Ms > 0 && stats.InferenceP99Ms >= stats.InferenceP50Ms, stats.ToString());
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_frame_cancelled_while_queued_completes_as_cancelled_and_is_not_detected()
    {
        var gate = new GatedDetector();
        await using var pool = new DetectorPool([gate]);
        using var frame = new Mat(10, 10, MatType.CV_8UC3);
        using var cts = new CancellationTokenSource();

        var running = pool.DetectAsync(frame);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = pool.DetectAsync(frame, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(10)));
        gate.Release.Set();
        Assert.Empty(await running.WaitAsync(TimeSpan.FromSeconds(10)));
        await WaitFor(() => pool.Stats().Cancelled == 1);
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public async Task A_detector_error_fails_only_its_own_frame()
    {
        var failing = new GatedDetector { FailOn = 2 };
        failing.Release.Set();
        await using var pool = new DetectorPool([failing]);
        using var frame = new Mat(10, 10, MatType.CV_8UC3);

        var tasks = Enumerable.Range(0, 3).Select(_ => pool.DetectAsync(frame)).ToList();

        await tasks[0];
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[1]);
        Assert.Equal("detector failure 2", e.Message);
        await tasks[2];
        Assert.Equal(1, pool.Stats().Failed);
    }

    [Fact]
    public async Task Disposing_cancels_queued_frames_waits_for_running_ones_and_disposes_the_detectors()
    {
        var gate = new GatedDetector();
        var pool = new DetectorPool([gate]);
        using var frame = new Mat(10, 10, MatType.CV_8UC3);
        var running = pool.DetectAsync(frame);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = pool.DetectAsync(frame);

        var disposing = pool.DisposeAsync().AsTask();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(disposing.IsCompleted);
        Assert.False(gate.Disposed);

        gate.Release.Set();
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(running.IsCompletedSuccessfully);
        Assert.True(gate.Disposed);
        Assert.Throws<ObjectDisposedException>(() => { _ = pool.DetectAsync(frame); });
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }

    /// <summary>A detector that signals when it starts and holds until released, to put the pool in known states.</summary>
    private sealed class GatedDetector : IObjectDetector
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualResetEventSlim Release { get; } = new();
        public int FailOn { get; init; } = -1;
        public int Calls => Volatile.Read(ref _calls);
        public bool Disposed { get; private set; }
        public IReadOnlyList<string> Labels => CocoLabels.All;

        public IReadOnlyList<DetectedObject> Detect(Mat frame)
        {
            var call = Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            Release.Wait(TimeSpan.FromSeconds(30));
            return call == FailOn ? throw new InvalidOperationException($"detector failure {call}") : [];
        }

        public void Dispose()
        {
            Disposed = true;
            Release.Dispose();
        }
    }
}
