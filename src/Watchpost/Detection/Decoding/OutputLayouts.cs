namespace Watchpost.Detection.Decoding;

/// <summary>Names of the output layouts (as written in the manifest) and the layout implied by an output shape.</summary>
internal static class OutputLayouts
{
    public static OutputLayout Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "yolox" => OutputLayout.Yolox,
        "yolov8" or "yolo11" or "yolov11" => OutputLayout.YoloV8,
        _ => throw new FormatException($"unknown output layout '{name}', expected 'yolox' or 'yolov8' (also written 'yolo11')"),
    };

    public static string Name(OutputLayout layout) => layout switch
    {
        OutputLayout.Yolox => "yolox",
        OutputLayout.YoloV8 => "yolov8",
        _ => layout.ToString(),
    };

    /// <summary>
    /// The layout of a 3-D output with <paramref name="classCount"/> classes: [1, N, 5 + C] is YOLOX,
    /// [1, 4 + C, N] is YOLOv8/YOLO11. Throws when the shape fits neither, naming the shape and both expectations.
    /// </summary>
    public static OutputLayout FromShape(IReadOnlyList<int> shape, int classCount)
    {
        if (shape.Count == 3 && shape[0] <= 1)
        {
            // A dynamic dimension reads as -1 or 0; only the class dimension has to be fixed.
            if (shape[2] == 5 + classCount)
            {
                return OutputLayout.Yolox;
            }

            if (shape[1] == 4 + classCount)
            {
                return OutputLayout.YoloV8;
            }
        }

        throw new InvalidDataException(
            $"output shape [{string.Join(", ", shape)}] fits no known layout for {classCount} classes: " +
            $"expected [1, N, {5 + classCount}] (yolox) or [1, {4 + classCount}, N] (yolov8/yolo11)");
    }
}
