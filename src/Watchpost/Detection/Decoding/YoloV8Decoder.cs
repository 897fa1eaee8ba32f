namespace Watchpost.Detection.Decoding;

/// <summary>
/// Decodes the YOLOv8 / YOLO11 output layout [1, 4 + C, N]: channel-major rows cx, cy, w, h (input pixels),
/// then C class scores (already sigmoid), no objectness. Score = best class score.
/// </summary>
internal sealed class YoloV8Decoder : IOutputDecoder
{
    // Per-anchor best class and score, filled row by row so that the channel-major tensor is read in order.
    private float[] _bestScore = [];
    private int[] _bestClass = [];

    public YoloV8Decoder(int classCount)
    {
        ClassCount = classCount;
    }

    public int ClassCount { get; }

    public void Decode(ReadOnlySpan<float> output, ReadOnlySpan<int> shape, float scale, ReadOnlySpan<float> classThresholds, List<DetectedObject> into)
    {
        var channels = 4 + ClassCount;
        if (shape.Length != 3 || shape[1] != channels || shape[2] <= 0 || output.Length < channels * shape[2])
        {
            throw new InvalidDataException($"YOLOv8 output shape [{string.Join(", ", shape.ToArray())}], expected [1, {channels}, N]");
        }

        if (classThresholds.Length != ClassCount)
        {
            throw new ArgumentException($"{classThresholds.Length} class thresholds, expected {ClassCount}", nameof(classThresholds));
        }

        var n = shape[2];
        if (_bestScore.Length < n)
        {
            _bestScore = new float[n];
            _bestClass = new int[n];
        }

        var bestScore = _bestScore.AsSpan(0, n);
        var bestClass = _bestClass.AsSpan(0, n);
        bestScore.Fill(float.NegativeInfinity);
        bestClass.Fill(-1);
        for (var c = 0; c < ClassCount; c++)
        {
            if (float.IsPositiveInfinity(classThresholds[c]))
            {
                continue;
            }

            var row = output.Slice((4 + c) * n, n);
            for (var i = 0; i < n; i++)
            {
                if (row[i] > bestScore[i])
                {
                    bestScore[i] = row[i];
                    bestClass[i] = c;
                }
            }
        }

        var xs = output[..n];
        var ys = output.Slice(n, n);
        var ws = output.Slice(2 * n, n);
        var hs = output.Slice(3 * n, n);
        for (var i = 0; i < n; i++)
        {
            var c = bestClass[i];
            if (c < 0 || bestScore[i] < classThresholds[c])
            {
                continue;
            }

            var (w, h) = (ws[i], hs[i]);
            var box = new BoundingBox((xs[i] - w / 2) / scale, (ys[i] - h / 2) / scale, w / scale, h / scale);
            into.Add(new DetectedObject(box, c, bestScore[i]));
        }
    }
}
