namespace Watchpost.Behaviours.Geometry;

/// <summary>A closed polygon in frame pixels.</summary>
public sealed class Polygon
{
    private readonly (float X, float Y)[] _vertices;

    public Polygon(IEnumerable<(float X, float Y)> vertices)
    {
        _vertices = [.. vertices];
        if (_vertices.Length < 3)
        {
            throw new ArgumentException($"a polygon needs at least 3 vertices, got {_vertices.Length}", nameof(vertices));
        }
    }

    public IReadOnlyList<(float X, float Y)> Vertices => _vertices;

    /// <summary>Even-odd ray casting; points exactly on an edge may fall either way.</summary>
    public bool Contains(float x, float y)
    {
        var inside = false;
        for (int i = 0, j = _vertices.Length - 1; i < _vertices.Length; j = i++)
        {
            var (xi, yi) = _vertices[i];
            var (xj, yj) = _vertices[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
