namespace Watchpost.Detection.Decoding;

/// <summary>How a YOLO-family model lays out its output tensor.</summary>
public enum OutputLayout
{
    /// <summary>[1, N, 5 + C]: box, objectness, class scores (YOLOX).</summary>
    Yolox,

    /// <summary>[1, 4 + C, N]: box then class scores, no objectness (YOLOv8 / YOLO11).</summary>
    YoloV8,
}
