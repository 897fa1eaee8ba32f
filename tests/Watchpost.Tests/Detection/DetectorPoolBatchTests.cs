using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Models;

namespace Watchpost.Tests.Detection;

/// <summary>A worker whose detector takes batches gathers the frames queued meanwhile into one run.</summary>
public sealed class DetectorPoolBatchTests
{
    [Fact]
    public async Task Queued_frames_go_to_a_batching_detector_together_and_each_caller_gets_its_own_frames_result()
    {
        var detector = new BatchRecordingDetector(batchSize: 4);
        await using var pool = new DetectorPool([detector]);
        var frames = Enumerable.Range(1, 12).Select(i => new Mat(2, 2, MatType.CV_8UC3, new Scalar(i, 0, 0))).ToList();
        try
        {
            detector.Hold.Reset(); // the first run waits, so the others queue behind it
            var tasks = frames.Select(f => pool.DetectAsync(f)).ToList();
            detector.Hold.Set();
            var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(Enumerable.Range(1, 12).Select(i => (float)i), results.Select(r => Assert.Single(r).Score));
            Assert.All(detector.Batches, size => Assert.InRange(size, 1, 4));
            Assert.Contains(4, detector.Batches);
            Assert.Equal(12, detector.Batches.Sum());
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    /// <summary>Answers each frame with one detection scored by its first pixel; records the size of each run.</summary>
    private sealed class BatchRecordingDetector(int batchSize) : IObjectDetector
    {
        public ManualResetEventSlim Hold { get; } = new(true);

        public List<int> Batches { get; } = [];

        public IReadOnlyList<string> Labels => CocoLabels.All;

        public int BatchSize => batchSize;

        public IReadOnlyList<DetectedObject> Detect(Mat frame)
        {
            var results = new List<DetectedObject>();
            DetectBatch([frame], [results]);
            return results;
        }

        public void Detect(Mat frame, List<DetectedObject> results) => DetectBatch([frame], [results]);

        public void DetectBatch(IReadOnlyList<Mat> frames, IReadOnlyList<List<DetectedObject>> results)
        {
            Hold.Wait(TimeSpan.FromSeconds(10));
            Batches.Add(frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                results[i].Clear();
                results[i].Add(new DetectedObject(new BoundingBox(0, 0, 1, 1), 0, frames[i].At<Vec3b>(0, 0).Item0));
            }
        }

        public void Dispose() => Hold.Dispose();
    }
}
