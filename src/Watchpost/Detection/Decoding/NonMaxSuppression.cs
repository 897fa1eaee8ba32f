namespace Watchpost.Detection.Decoding;

/// <summary>Class-aware greedy non-maximum suppression: a box only suppresses boxes of its own class.</summary>
internal static class NonMaxSuppression
{
    public static List<DetectedObject> Apply(List<DetectedObject> candidates, float iouThreshold)
    {
        candidates.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var kept = new List<DetectedObject>(Math.Min(candidates.Count, 64));
        foreach (var candidate in candidates)
        {
            var suppressed = false;
            foreach (var keeper in kept)
            {
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

        return kept;
    }
}
