namespace Watchpost.Detection.Decoding;

/// <summary>
/// Decodes the YOLOX output layout [1, N, 5 + C]: per anchor point cx, cy, w, h (grid-relative, log-scale sizes),
/// objectness and C class scores, over the grids of strides 8, 16 and 32. Score = objectness x class score.
/// </summary>
internal sealed class YoloxDecoder : IOutputDecoder
{
    private readonly (int GridX, int GridY, int Stride)[] _anchors;

    public YoloxDecoder(int inputWidth, int inputHeight, int classCount)
    {
        ClassCount = classCount;
        var anchors = new List<(int, int, int)>();
        foreach (var stride in (int[])[8, 16, 32])
        {
            int gw = inputWidth / stride, gh = inputHeight / stride;
            for (var y = 0; y < gh; y++)
            {
                for (var x = 0; x < gw; x++)
                {
                    anchors.Add((x, y, stride));
                }
            }
        }

        _anchors = [.. anchors];
    }

    public int ClassCount { get; }
    public int AnchorCount => _anchors.Length;

    public void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> shape, float scale, ReadOnlySpan<float> classThresholds, List<DetectedObject> into)
    {
        var width = 5 + ClassCount;
        if (shape.Length != 3 || shape[1] != _anchors.Length || shape[2] != width || output.Length < _anchors.Length * width)
        {
            throw new InvalidDataException($"YOLOX output shape [{string.Join(", ", shape.ToArray())}], expected [1, {_anchors.Length}, {width}]");
        }

        if (classThresholds.Length != ClassCount)
        {
            throw new ArgumentException($"{classThresholds.Length} class thresholds, expected {ClassCount}", nameof(classThresholds));
        }

        // Class scores are at most 1, so an anchor whose objectness is below every threshold cannot pass.
        var floor = Math.Max(0.001f, Min(classThresholds));
        for (var i = 0; i < _anchors.Length; i++)
        {
            var row = output.Slice(i * width, width);
            var objectness = row[4];
            if (objectness < floor)
            {
                continue;
            }

            var best = -1;
            var bestScore = float.NegativeInfinity;
            var classes = row[5..];
            for (var c = 0; c < classes.Length; c++)
            {
                if (classes[c] > bestScore && !float.IsPositiveInfinity(classThresholds[c]))
                {
                    bestScore = classes[c];
                    best = c;
                }
            }

            if (best < 0)
            {
                continue;
            }

            var score = objectness * bestScore;
            if (score < classThresholds[best])
            {
                continue;
            }

            var (gx, gy, stride) = _anchors[i];
            var cx = (row[0] + gx) * stride;
            var cy = (row[1] + gy) * stride;
            var w = MathF.Exp(row[2]) * stride;
            var h = MathF.Exp(row[3]) * stride;
            into.Add(new DetectedObject(new BoundingBox((cx - w / 2) / scale, (cy - h / 2) / scale, w / scale, h / scale), best, score));
        }
    }

    private static float Min(ReadOnlySpan<float> values)
    {
        var min = float.PositiveInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }
}
