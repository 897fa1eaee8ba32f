namespace Watchpost.Detection.Decoding;

/// <summary>Class-aware greedy non-maximum suppression: a box only suppresses boxes of its own class.</summary>
internal static class NonMaxSuppression
{
    public static List<DetectedObject> Apply(List<DetectedObject> candidates, float iouThreshold)
    {
        var kept = new List<DetectedObject>(Math.Min(candidates.Count, 64));
        Apply(candidates, iouThreshold, kept);
        return kept;
    }

    /// <summary>
    /// Sorts <paramref name="candidates"/> by score and appends the survivors to <paramref name="kept"/> (which it
    /// does not clear); allocates nothing once <paramref name="kept"/> has the capacity.
    /// </summary>
    public static void Apply(List<DetectedObject> candidates, float iouThreshold, List<DetectedObject> kept)
    {
        candidates.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var first = kept.Count;
        foreach (var candidate in candidates)
        {
            var suppressed = false;
            for (var k = first; k < kept.Count; k++)
            {
                var keeper = kept[k];
                if (keeper.ClassId == candidate.ClassId && keeper.Box.IntersectionOverUnion(candidate.Box) > iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }

            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }
    }
}
