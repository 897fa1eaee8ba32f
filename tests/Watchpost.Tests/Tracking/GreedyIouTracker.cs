using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Tests.Tracking;

/// <summary>
/// The baseline the ByteTracker is compared with: detections at or above a score, linked to the previous frame's
/// boxes greedily by highest IoU (at least <paramref name="minIou"/>); no motion model, no memory of lost objects.
/// </summary>
internal sealed class GreedyIouTracker(float minScore = 0.5f, float minIou = 0.3f) : IObjectTracker
{
    private List<Track> _previous = [];
    private int _nextId = 1;

    public IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections)
    {
        var current = new List<DetectedObject>();
        foreach (var detection in detections)
        {
            if (detection.Score >= minScore)
            {
                current.Add(detection);
            }
        }

        var pairs = new List<(float Iou, int Previous, int Current)>();
        for (var p = 0; p < _previous.Count; p++)
        {
            for (var c = 0; c < current.Count; c++)
            {
                var iou = _previous[p].Box.IntersectionOverUnion(current[c].Box);
                if (iou >= minIou && _previous[p].ClassId == current[c].ClassId)
                {
                    pairs.Add((iou, p, c));
                }
            }
        }

        var previousTaken = new bool[_previous.Count];
        var ids = new int[current.Count];
        foreach (var (_, p, c) in pairs.OrderByDescending(pair => pair.Iou))
        {
            if (!previousTaken[p] && ids[c] == 0)
            {
                previousTaken[p] = true;
                ids[c] = _previous[p].Id;
            }
        }

        _previous = [.. current.Select((d, c) => new Track(ids[c] != 0 ? ids[c] : _nextId++, d.Box, d.ClassId, d.Score, true, true, 1, timestamp))];
        return _previous;
    }
}
