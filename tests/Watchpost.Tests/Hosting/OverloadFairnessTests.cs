using Microsoft.Extensions.Logging.Abstractions;
using OpenCvSharp;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Models;
using Watchpost.Tracking;

namespace Watchpost.Tests.Hosting;

/// <summary>
/// More cameras offering frames than the detector can take: the real pool and pipelines with live sources that
/// drop their oldest frame, and a detector that takes a fixed time per frame.
/// </summary>
public sealed class OverloadFairnessTests
{
    [Fact]
    public async Task Every_camera_gets_a_fair_share_nothing_queues_behind_a_camera_and_the_shortfall_is_counted()
    {
        const int cameras = 12;
        var detector = new SlowDetector(TimeSpan.FromMilliseconds(8));
        await using var pool = new DetectorPool([detector, new SlowDetector(TimeSpan.FromMilliseconds(8), detector)]);
        var sources = Enumerable.Range(1, cameras).Select(i => new TickingSource($"cam-{i}", fps: 40)).ToList();
        var framesInFlight = (pool.Workers + cameras - 1) / cameras;
        var pipelines = sources.Select(s => new CameraPipeline(new CameraOptions { Id = s.CameraId }, s, pool, new ByteTracker(),
            new CameraRuleEngine([]), (_, _) => { }, framesInFlight, NullLogger.Instance)).ToList();

        // Judged on a steady window after a second of start-up, so a pipeline that starts late on a loaded machine
        // is not taken for an unfair one.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var runs = pipelines.Select(p => p.RunAsync(stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var processedBefore = sources.Select(s => s.Counters.FramesProcessed).ToList();
        var offeredBefore = sources.Sum(s => s.Counters.FramesIn);
        var droppedBefore = sources.Sum(s => s.Counters.FramesDropped);
        try
        {
            await Task.WhenAll(runs);
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(sources.Select(s => s.DisposeAsync().AsTask()));
        var processed = sources.Select((s, i) => s.Counters.FramesProcessed - processedBefore[i]).ToList();
        var offered = sources.Sum(s => s.Counters.FramesIn) - offeredBefore;
        var dropped = sources.Sum(s => s.Counters.FramesDropped) - droppedBefore;
        // 12 cameras x 40 fps offered is about twice what two 8 ms workers can do.
        Assert.True(processed.Min() >= 0.8 * processed.Max(), $"processed per camera in the window: {string.Join(", ", processed)}");
        Assert.True(dropped > 0.2 * offered, $"dropped {dropped} of {offered}");
        Assert.InRange(detector.MostPendingOfOneCamera, 1, framesInFlight);
    }

    /// <summary>Takes a fixed time per frame and records how many frames of one camera were at the detector at once.</summary>
    private sealed class SlowDetector(TimeSpan perFrame, SlowDetector? shared = null) : IObjectDetector
    {
        private readonly Dictionary<int, int> _pendingByCamera = [];
        private readonly Lock _gate = new();

        public IReadOnlyList<string> Labels => CocoLabels.All;

        /// <summary>Frames are tagged with their camera in pixel (0,0), channel 0.</summary>
        public int MostPendingOfOneCamera { get; private set; }

        public IReadOnlyList<DetectedObject> Detect(Mat frame)
        {
            var counts = shared ?? this;
            var camera = (int)frame.At<Vec3b>(0, 0).Item0;
            counts.Enter(camera);
            Thread.Sleep(perFrame);
            counts.Leave(camera);
            return [];
        }

        private void Enter(int camera)
        {
            lock (_gate)
            {
                var now = _pendingByCamera.GetValueOrDefault(camera) + 1;
                _pendingByCamera[camera] = now;
                MostPendingOfOneCamera = Math.Max(MostPendingOfOneCamera, now);
            }
        }

        private void Leave(int camera)
        {
            lock (_gate)
            {
                _pendingByCamera[camera]--;
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A live camera: a small frame every 1/fps seconds, tagged with the camera's number.</summary>
    private sealed class TickingSource(string id, double fps)
        : FrameSourceBase(new CameraOptions { Id = id, Url = "/dev/null" }, NullLogger.Instance, live: true)
    {
        protected override async Task RunConnectionAsync(CancellationToken cancellationToken)
        {
            var tag = int.Parse(id.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / fps));
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var image = new Mat(4, 4, MatType.CV_8UC3, new Scalar(tag, 0, 0));
                await PublishAsync(image, null, Elapsed, cancellationToken);
            }
        }
    }
}
