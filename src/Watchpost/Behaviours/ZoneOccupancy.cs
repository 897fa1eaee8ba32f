using Watchpost.Behaviours.Geometry;
using Watchpost.Configuration;
using Watchpost.Tracking;

namespace Watchpost.Behaviours;

/// <summary>
/// Live occupancy of one camera's zones: how many confirmed tracks have their ground point inside each zone, by
/// class, as of the latest frame. A raw count (no hysteresis, predicted boxes of confirmed tracks included): it
/// is what the state topics and the console show, not an alert. Counted whether rules are armed or not.
/// <see cref="Update"/> runs on the camera's thread without allocating; <see cref="Snapshot"/> may be called
/// from any thread.
/// </summary>
public sealed class ZoneOccupancy
{
    private readonly string[] _zoneIds;
    private readonly Polygon[] _polygons;
    private readonly IReadOnlyList<string> _labels;
    private readonly int[] _counting;   // [zone * labels + class], written by Update only
    private readonly int[] _published;  // the last frame's counts, read under the lock
    private readonly Lock _gate = new();
    private TimeSpan _updatedAt;

    public ZoneOccupancy(IEnumerable<(string Id, Polygon Polygon)> zones, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(labels);
        var list = zones.ToList();
        _zoneIds = [.. list.Select(z => z.Id)];
        _polygons = [.. list.Select(z => z.Polygon)];
        _labels = labels;
        _counting = new int[_zoneIds.Length * Math.Max(1, labels.Count)];
        _published = new int[_counting.Length];
    }

    /// <summary>The zones of <paramref name="cameraId"/> in the site file.</summary>
    public static ZoneOccupancy ForCamera(WatchpostOptions site, string cameraId, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new ZoneOccupancy(site.Zones.Where(z => z.Camera == cameraId).Select(z => (z.Id, new Polygon(z.Polygon.Select(p => (p[0], p[1]))))), labels);
    }

    public IReadOnlyList<string> ZoneIds => _zoneIds;

    public void Update(TimeSpan timestamp, IReadOnlyList<Track> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        if (_zoneIds.Length == 0)
        {
            return;
        }

        Array.Clear(_counting);
        var classes = Math.Max(1, _labels.Count);
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            if (!track.IsConfirmed || track.ClassId < 0 || track.ClassId >= classes)
            {
                continue;
            }

            var (x, y) = track.Box.GroundPoint;
            for (var z = 0; z < _polygons.Length; z++)
            {
                if (_polygons[z].Contains(x, y))
                {
                    _counting[(z * classes) + track.ClassId]++;
                }
            }
        }

        lock (_gate)
        {
            _counting.CopyTo(_published, 0);
            _updatedAt = timestamp;
        }
    }

    /// <summary>Every zone of the camera with its counts as of the latest frame (zeros before the first).</summary>
    public IReadOnlyList<ZoneCount> Snapshot()
    {
        var classes = Math.Max(1, _labels.Count);
        int[] counts;
        TimeSpan at;
        lock (_gate)
        {
            counts = (int[])_published.Clone();
            at = _updatedAt;
        }

        var result = new ZoneCount[_zoneIds.Length];
        for (var z = 0; z < _zoneIds.Length; z++)
        {
            var byClass = new Dictionary<string, int>(StringComparer.Ordinal);
            var total = 0;
            for (var c = 0; c < classes; c++)
            {
                var n = counts[(z * classes) + c];
                if (n > 0)
                {
                    byClass[c < _labels.Count ? _labels[c] : $"class{c}"] = n;
                    total += n;
                }
            }

            result[z] = new ZoneCount(_zoneIds[z], total, byClass, at);
        }

        return result;
    }
}
