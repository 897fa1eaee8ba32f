using OpenCvSharp;
using OpenCvSharp.Internal;

namespace Watchpost.Detection.Decoding;

/// <summary>
/// Scales a frame to fit the model's square input keeping its aspect ratio, pads the rest with grey (114),
/// and writes the pixels straight into the planar float input tensor (CHW, BGR or RGB order, each 0..255 value
/// multiplied by a pixel scale: 1 for YOLOX, 1/255 for YOLOv8/YOLO11). The image sits at the top-left corner,
/// so a model pixel maps back to the frame by dividing by the scale alone.
/// Owns a reusable resize buffer, so one instance serves one caller at a time. A fill allocates nothing on the
/// managed heap: the resize goes through OpenCV's native entry point with a native input wrapper made and freed per
/// call, where <c>Cv2.Resize</c> would make two managed <c>InputArray</c>/<c>OutputArray</c> objects per frame.
/// </summary>
internal sealed class Letterbox : IDisposable
{
    private const float PadValue = 114f;
    private readonly Mat _resized = new();
    private readonly IntPtr _resizedArray;

    public Letterbox(int inputWidth, int inputHeight)
    {
        InputWidth = inputWidth;
        InputHeight = inputHeight;
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(_resized.CvPtr, out _resizedArray));
    }

    public int InputWidth { get; }
    public int InputHeight { get; }

    /// <summary>Fills <paramref name="tensor"/> (length 3*W*H) from <paramref name="frame"/>; returns the scale applied.</summary>
    public unsafe float Fill(Mat frame, Span<float> tensor, bool rgb = false, float pixelScale = 1f)
    {
        if (frame.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected an 8-bit BGR frame (CV_8UC3), got {frame.Type()}", nameof(frame));
        }

        var plane = InputWidth * InputHeight;
        if (tensor.Length != 3 * plane)
        {
            throw new ArgumentException($"tensor length {tensor.Length}, expected {3 * plane}", nameof(tensor));
        }

        var scale = Math.Min((float)InputWidth / frame.Width, (float)InputHeight / frame.Height);
        var width = Math.Max(1, (int)Math.Round(frame.Width * scale));
        var height = Math.Max(1, (int)Math.Round(frame.Height * scale));
        Resize(frame, new Size(width, height));

        // Pad only what the image does not cover: the strip right of it and the rows below it.
        var pad = PadValue * pixelScale;
        for (var c = 0; c < 3; c++)
        {
            var channel = tensor.Slice(c * plane, plane);
            if (width < InputWidth)
            {
                for (var y = 0; y < height; y++)
                {
                    channel.Slice(y * InputWidth + width, InputWidth - width).Fill(pad);
                }
            }

            channel[(height * InputWidth)..].Fill(pad);
        }

        var c0 = rgb ? 2 : 0;
        var c2 = rgb ? 0 : 2;
        var step = (long)_resized.Step();
        var data = (byte*)_resized.Data;
        fixed (float* first = tensor)
        {
            float* second = first + plane, third = first + 2 * plane;
            for (var y = 0; y < height; y++)
            {
                var px = data + y * step;
                var offset = y * InputWidth;
                for (var x = 0; x < width; x++, px += 3)
                {
                    first[offset + x] = px[c0] * pixelScale;
                    second[offset + x] = px[1] * pixelScale;
                    third[offset + x] = px[c2] * pixelScale;
                }
            }
        }

        return scale;
    }

    private void Resize(Mat frame, Size size)
    {
        NativeMethods.HandleException(NativeMethods.core_InputArray_new_byMat(frame.CvPtr, out var source));
        try
        {
            NativeMethods.HandleException(NativeMethods.imgproc_resize(source, _resizedArray, size, 0, 0, (int)InterpolationFlags.Linear));
        }
        finally
        {
            NativeMethods.HandleException(NativeMethods.core_InputArray_delete(source));
            GC.KeepAlive(frame);
        }
    }

    public void Dispose()
    {
        NativeMethods.HandleException(NativeMethods.core_OutputArray_delete(_resizedArray));
        _resized.Dispose();
    }
}
