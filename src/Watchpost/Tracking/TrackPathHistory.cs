namespace Watchpost.Tracking;

/// <summary>
/// Where each track has been: the bottom centre of its box (its ground point), oldest first, for the path drawn on an
/// event's snapshot. Bounded per track: a point is kept only once the object moved <c>step</c> pixels from the last
/// one, and when <see cref="Capacity"/> points are kept every second one is dropped and the step doubles, so the
/// path spans the whole life of the track in at most that many points. A track's history goes with the track.
/// Not thread-safe: the camera's frame loop updates it and reads it (its rules fire on that loop).
/// </summary>
public sealed class TrackPathHistory
{
    /// <summary>Most points kept per track (a path read back may end with one more: the latest ground point).</summary>
    public const int Capacity = 64;

    private readonly float _firstStep;
    private readonly Dictionary<int, PathOfTrack> _paths = [];
    private readonly HashSet<int> _seen = [];

    /// <param name="step">Pixels the ground point must move before another point is kept.</param>
    public TrackPathHistory(float step = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        _firstStep = step;
    }

    /// <summary>Tracks with a history (for tests and diagnostics).</summary>
    public int Count => _paths.Count;

    /// <summary>Adds this frame's ground points of the matched tracks and forgets the tracks that are gone.</summary>
    /// <param name="width">The frame's width: points are kept inside the frame (a box may reach past its edge).</param>
    /// <param name="height">The frame's height.</param>
    public void Update(IReadOnlyList<Track> tracks, int width = int.MaxValue, int height = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        _seen.Clear();
        foreach (var track in tracks)
        {
            _seen.Add(track.Id);
            if (!track.IsMatched)
            {
                continue;   // a predicted box is a guess: the path shows where the object was seen
            }

            if (!_paths.TryGetValue(track.Id, out var path))
            {
                path = new PathOfTrack(_firstStep);
                _paths[track.Id] = path;
            }

            path.Add(Math.Clamp(track.Box.X + (track.Box.Width / 2), 0, width), Math.Clamp(track.Box.Y + track.Box.Height, 0, height));
        }

        if (_paths.Count > _seen.Count)
        {
            foreach (var gone in _paths.Keys.Where(id => !_seen.Contains(id)).ToList())
            {
                _paths.Remove(gone);
            }
        }
    }

    /// <summary>The track's path as [x, y] points, oldest first, ending at its last seen ground point; empty for none (or a group event).</summary>
    public IReadOnlyList<float[]> For(int? trackId) =>
        trackId is { } id && _paths.TryGetValue(id, out var path) ? path.ToList() : [];

    private sealed class PathOfTrack(float step)
    {
        private readonly List<(float X, float Y)> _points = new(Capacity);
        private float _step = step;
        private (float X, float Y) _latest;

        public void Add(float x, float y)
        {
            _latest = (x, y);
            if (_points.Count > 0)
            {
                var (lx, ly) = _points[^1];
                if (((x - lx) * (x - lx)) + ((y - ly) * (y - ly)) < _step * _step)
                {
                    return;
                }
            }

            if (_points.Count == Capacity)
            {
                // Halve the resolution instead of forgetting the beginning: the path still starts where the track did.
                for (var i = 1; i < Capacity / 2; i++)
                {
                    _points[i] = _points[2 * i];
                }

                _points.RemoveRange(Capacity / 2, Capacity / 2);
                _step *= 2;
            }

            _points.Add((x, y));
        }

        public float[][] ToList()
        {
            var last = _points[^1] == _latest ? 0 : 1;
            var list = new float[_points.Count + last][];
            for (var i = 0; i < _points.Count; i++)
            {
                list[i] = [_points[i].X, _points[i].Y];
            }

            if (last == 1)
            {
                list[^1] = [_latest.X, _latest.Y];
            }

            return list;
        }
    }
}
