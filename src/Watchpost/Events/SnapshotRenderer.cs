using System.Globalization;
using OpenCvSharp;
using Watchpost.Detection;

namespace Watchpost.Events;

/// <summary>Draws an event's box and label on a copy of the frame and encodes it as JPEG.</summary>
public sealed class SnapshotRenderer : ISnapshotRenderer
{
    private static readonly Scalar BoxColour = new(0, 0, 255);      // red in BGR
    private static readonly Scalar LabelText = new(255, 255, 255);

    /// <param name="jpegQuality">0 to 100.</param>
    public SnapshotRenderer(int jpegQuality = 85)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jpegQuality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jpegQuality, 100);
        JpegQuality = jpegQuality;
    }

    public int JpegQuality { get; }

    /// <summary>"person #17 0.83" (or "person 0.83" for a group without one track): the label drawn above the box.</summary>
    public static string Label(string className, int? trackId, float score) => trackId is { } id
        ? string.Create(CultureInfo.InvariantCulture, $"{className} #{id} {score:0.00}")
        : string.Create(CultureInfo.InvariantCulture, $"{className} {score:0.00}");

    /// <summary>Renders <paramref name="frame"/> (BGR, 8 bits per channel; left unchanged) with the box and label as JPEG bytes.</summary>
    public byte[] Render(Mat frame, BoundingBox box, string label)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Empty() || frame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Snapshot frame must be a non-empty BGR image (CV_8UC3), got {frame.Type()} {frame.Width}x{frame.Height}.", nameof(frame));
        }

        using var canvas = frame.Clone();
        var thickness = Math.Max(2, canvas.Width / 400);
        var rect = new Rect((int)MathF.Round(box.X), (int)MathF.Round(box.Y), (int)MathF.Round(box.Width), (int)MathF.Round(box.Height));
        Cv2.Rectangle(canvas, rect, BoxColour, thickness);

        var fontScale = Math.Max(0.5, canvas.Width / 1280.0);
        var textSize = Cv2.GetTextSize(label, HersheyFonts.HersheySimplex, fontScale, 1, out var baseline);
        // Label on a filled band above the box, or inside it when the box touches the top edge.
        var bandTop = rect.Y - textSize.Height - baseline - 4 >= 0 ? rect.Y - textSize.Height - baseline - 4 : rect.Y;
        var band = new Rect(rect.X, bandTop, textSize.Width + 6, textSize.Height + baseline + 4);
        Cv2.Rectangle(canvas, band, BoxColour, -1);
        Cv2.PutText(canvas, label, new Point(band.X + 3, band.Y + textSize.Height + 2), HersheyFonts.HersheySimplex, fontScale, LabelText, 1, LineTypes.AntiAlias);

        Cv2.ImEncode(".jpg", canvas, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
        return jpeg;
    }
}
