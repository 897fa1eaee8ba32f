using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Events;

namespace Watchpost.Tests.Events;

public sealed class SnapshotRendererTests
{
    [Fact]
    public void Draws_the_box_on_a_copy_and_encodes_a_jpeg_of_the_frame_size()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(90, 90, 90));
        var box = new BoundingBox(200, 150, 100, 200);

        var jpeg = new SnapshotRenderer().Render(frame, box, SnapshotRenderer.Label("person", 17, 0.834f));

        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal(new Size(640, 480), decoded.Size());
        var onLeftEdge = decoded.At<Vec3b>(250, 200);           // row, column: middle of the box's left side
        Assert.True(onLeftEdge.Item2 > 180 && onLeftEdge.Item0 < 80, $"box edge should be red, got {onLeftEdge}");
        var inside = decoded.At<Vec3b>(250, 250);
        Assert.InRange(inside.Item2, (byte)80, (byte)100);        // untouched grey
        var label = decoded.At<Vec3b>(140, 205);                  // the label band above the box
        Assert.True(label.Item2 > 150, $"label band should be drawn above the box, got {label}");
        Assert.Equal(new Vec3b(90, 90, 90), frame.At<Vec3b>(250, 200)); // the caller's frame is unchanged
    }

    [Fact]
    public void Label_names_class_track_and_score()
    {
        Assert.Equal("person #17 0.83", SnapshotRenderer.Label("person", 17, 0.8312f));
    }

    [Fact]
    public void A_grey_frame_is_refused_with_its_type()
    {
        using var grey = new Mat(10, 10, MatType.CV_8UC1);
        var ex = Assert.Throws<ArgumentException>(() => new SnapshotRenderer().Render(grey, new BoundingBox(1, 1, 2, 2), "x"));
        Assert.Contains("CV_8UC3", ex.Message, StringComparison.Ordinal);
    }
}
