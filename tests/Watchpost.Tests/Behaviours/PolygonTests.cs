using Watchpost.Behaviours.Geometry;

namespace Watchpost.Tests.Behaviours;

public class PolygonTests
{
    // An L-shaped (concave) polygon.
    private static readonly Polygon L = new([(0, 0), (10, 0), (10, 4), (4, 4), (4, 10), (0, 10)]);

    [Theory]
    [InlineData(2, 2, true)]
    [InlineData(8, 2, true)]
    [InlineData(2, 8, true)]
    [InlineData(8, 8, false)]   // the notch of the L
    [InlineData(-1, 5, false)]
    [InlineData(5, 11, false)]
    public void Contains_follows_a_concave_outline(float x, float y, bool expected) => Assert.Equal(expected, L.Contains(x, y));

    [Fact]
    public void Fewer_than_three_vertices_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new Polygon([(0, 0), (1, 1)]));
        Assert.Contains("at least 3 vertices", error.Message);
    }
}
