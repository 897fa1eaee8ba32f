using Watchpost.Behaviours.Geometry;

namespace Watchpost.Tests.Behaviours;

public class LineSegmentTests
{
    // From (0,100) to (200,100), drawn left to right: side a (cross > 0) is below it, where y > 100 (y grows downwards).
    private static readonly LineSegment Horizontal = new((0, 100), (200, 100));

    [Theory]
    [InlineData(100, 150, 1)]
    [InlineData(100, 50, -1)]
    [InlineData(300, 150, 1)]    // beside the segment: the side of its extension
    [InlineData(100, 100, 0)]
    public void Side_a_is_where_the_cross_product_is_positive(float x, float y, int side) => Assert.Equal(side, Horizontal.Side(x, y));

    [Theory]
    [InlineData(100, 150, 100, 50, true)]
    [InlineData(0, 150, 0, 50, true)]         // through an end
    [InlineData(-1, 150, -1, 50, false)]      // just beside it
    [InlineData(250, 150, 150, 50, true)]     // diagonal, coming in from beside the segment
    [InlineData(250, 150, 210, 50, false)]    // diagonal, beside the segment all the way
    [InlineData(100, 150, 100, 100, true)]    // ending on the line
    [InlineData(50, 100, 150, 100, false)]    // along the line: crosses nothing
    [InlineData(100, 150, 120, 120, false)]   // on one side
    public void Intersects_is_about_the_segment_not_the_infinite_line(float x1, float y1, float x2, float y2, bool expected) =>
        Assert.Equal(expected, Horizontal.Intersects(x1, y1, x2, y2));

    [Fact]
    public void Distance_is_to_the_line_and_a_line_needs_two_ends()
    {
        Assert.Equal(30, Horizontal.DistanceToLine(500, 70), 3);
        Assert.Contains("two different ends", Assert.Throws<ArgumentException>(() => new LineSegment((5, 5), (5, 5))).Message);
    }
}
