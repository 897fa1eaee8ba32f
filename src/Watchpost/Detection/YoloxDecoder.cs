namespace Watchpost.Detection;

/// <summary>
/// Decodes the YOLOX output layout [1, N, 5 + C]: per anchor point cx, cy, w, h (grid-relative, log-scale sizes),
/// objectness and C class scores, over the grids of strides 8, 16 and 32.
/// </summary>
public sealed class YoloxDecoder : IOutputDecoder
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
        if (shape.Length != 3 || shape[1] != _anchors.Length || shape[2] != width)
        {
            throw new InvalidDataException($"YOLOX output shape [{string.Join(", ", shape.ToArray())}], expected [1, {_anchors.Length}, {width}]");
        }

        for (var i = 0; i < _anchors.Length; i++)
        {
            var row = output.Slice(i * width, width);
            var objectness = row[4];
            if (objectness < 0.01f)
            {
                continue;
            }

            var best = 0;
            var bestScore = row[5];
            for (var c = 1; c < ClassCount; c++)
            {
                if (row[5 + c] > bestScore)
                {
                    bestScore = row[5 + c];
                    best = c;
                }
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
}
