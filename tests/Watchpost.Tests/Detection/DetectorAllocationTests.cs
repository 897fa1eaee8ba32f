using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Detection.Decoding;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Detection;

/// <summary>
/// The detector's per-frame path allocates nothing on the managed heap once warm: letterbox, inference through
/// the I/O binding, decode and NMS into the caller's list. A regression (a LINQ call, a new list, a boxed
/// enumerator, an OpenCvSharp wrapper) shows up here as bytes.
/// </summary>
public class DetectorAllocationTests
{
    [GroundTruthFact]
    public void Steady_state_detect_on_a_real_frame_allocates_nothing()
    {
        using var detector = RealDetector.Create();
        var frames = Footage.Frames(1, 50);
        try
        {
            var results = new List<DetectedObject>(64);
            for (var i = 0; i < 3; i++)
            {
                detector.Detect(frames[i % 2], results);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 20; i++)
            {
                detector.Detect(frames[i % 2], results);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.NotEmpty(results);
            Assert.Equal(0, allocated);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [GroundTruthFact]
    public void The_list_returning_detect_gives_the_same_detections_in_a_list_of_its_own()
    {
        using var detector = RealDetector.Create();
        var frames = Footage.Frames(1);
        using var frame = frames[0];
        var reused = new List<DetectedObject>();

        detector.Detect(frame, reused);
        var owned = detector.Detect(frame);

        Assert.Equal(reused, owned);
        Assert.NotSame(reused, owned);
    }

    [Fact]
    public void Letterbox_fill_allocates_nothing_once_warm()
    {
        using var letterbox = new Letterbox(416, 416);
        using var frame = new Mat(576, 768, MatType.CV_8UC3, new Scalar(10, 20, 30));
        var tensor = new float[3 * 416 * 416];
        letterbox.Fill(frame, tensor);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            letterbox.Fill(frame, tensor);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10f, tensor[0]);
        Assert.Equal(114f, tensor[^1]);
    }
}
