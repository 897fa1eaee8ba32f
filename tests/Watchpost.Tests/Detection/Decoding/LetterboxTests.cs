using OpenCvSharp;
using Watchpost.Detection.Decoding;

namespace Watchpost.Tests.Detection.Decoding;

public class LetterboxTests
{
    [Fact]
    public void Scales_to_fit_keeps_the_image_top_left_and_pads_with_grey()
    {
        using var frame = new Mat(200, 400, MatType.CV_8UC3, new Scalar(10, 20, 30)); // B, G, R
        using var letterbox = new Letterbox(100, 100);
        var tensor = new float[3 * 100 * 100];

        var scale = letterbox.Fill(frame, tensor);

        Assert.Equal(0.25f, scale);
        Assert.Equal([10f, 20f, 30f], Pixel(tensor, 0, 0));
        Assert.Equal([10f, 20f, 30f], Pixel(tensor, 99, 49));
        Assert.Equal([114f, 114f, 114f], Pixel(tensor, 0, 50));
    }

    [Fact]
    public void Overwrites_every_value_of_a_reused_tensor_for_a_portrait_frame()
    {
        using var frame = new Mat(400, 200, MatType.CV_8UC3, new Scalar(1, 2, 3));
        using var letterbox = new Letterbox(100, 100);
        var tensor = new float[3 * 100 * 100];
        Array.Fill(tensor, -1f);

        letterbox.Fill(frame, tensor);

        Assert.DoesNotContain(-1f, tensor);
        Assert.Equal([1f, 2f, 3f], Pixel(tensor, 49, 99));
        Assert.Equal([114f, 114f, 114f], Pixel(tensor, 50, 0));
        Assert.Equal([114f, 114f, 114f], Pixel(tensor, 99, 99));
    }

    [Fact]
    public void Writes_rgb_planes_and_scaled_values_when_asked()
    {
        using var frame = new Mat(100, 100, MatType.CV_8UC3, new Scalar(51, 102, 255));
        using var letterbox = new Letterbox(100, 100);
        var tensor = new float[3 * 100 * 100];

        letterbox.Fill(frame, tensor, rgb: true, pixelScale: 1f / 255f);

        var pixel = Pixel(tensor, 50, 50);
        Assert.Equal(1f, pixel[0], 4);
        Assert.Equal(0.4f, pixel[1], 4);
        Assert.Equal(0.2f, pixel[2], 4);
    }

    [Fact]
    public void Rejects_a_frame_that_is_not_8_bit_bgr()
    {
        using var grey = new Mat(10, 10, MatType.CV_8UC1);
        using var letterbox = new Letterbox(32, 32);
        Assert.Throws<ArgumentException>(() => letterbox.Fill(grey, new float[3 * 32 * 32]));
    }

    private static float[] Pixel(float[] tensor, int x, int y)
    {
        const int plane = 100 * 100;
        var i = y * 100 + x;
        return [tensor[i], tensor[plane + i], tensor[2 * plane + i]];
    }
}
