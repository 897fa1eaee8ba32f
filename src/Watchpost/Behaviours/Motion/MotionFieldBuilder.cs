using OpenCvSharp;

namespace Watchpost.Behaviours;

/// <summary>
/// Makes a <see cref="MotionField"/> per frame for one camera: the frame shrunk to <see cref="CellsAcross"/>
/// cells across, in grey, blurred, and differenced with the previous one. Owns its buffers; dispose it with the pipeline.
/// </summary>
public sealed class MotionFieldBuilder : IDisposable
{
    /// <summary>Cells across the grid: enough to tell a person's limbs from the background at 5-10 m, cheap at any frame size.</summary>
    public const int CellsAcross = 160;

    private readonly Mat _small = new();
    private readonly Mat _grey = new();
    private readonly Mat _previous = new();
    private readonly Mat _difference = new();
    private TimeSpan _previousTime;

    public MotionField Field { get; } = new();

    /// <summary>Compares <paramref name="bgr"/> (left unchanged) with the previous frame given.</summary>
    public MotionField Update(Mat bgr, TimeSpan timestamp)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        var scale = (float)bgr.Width / CellsAcross;
        var height = Math.Max(1, (int)Math.Round(bgr.Height / scale));
        Cv2.Resize(bgr, _small, new Size(CellsAcross, height), interpolation: InterpolationFlags.Area);
        Cv2.CvtColor(_small, _grey, ColorConversionCodes.BGR2GRAY);
        Cv2.GaussianBlur(_grey, _grey, new Size(3, 3), 0);
        var first = _previous.Empty() || _previous.Size() != _grey.Size();
        if (first)
        {
            _grey.CopyTo(_previous);
        }

        Cv2.Absdiff(_grey, _previous, _difference);
        var cells = Field.Reset(CellsAcross, height, scale, first ? TimeSpan.Zero : timestamp - _previousTime);
        unsafe
        {
            new Span<byte>((void*)_difference.Data, cells.Length).CopyTo(cells);
        }

        _grey.CopyTo(_previous);
        _previousTime = timestamp;
        return Field;
    }

    public void Dispose()
    {
        _small.Dispose();
        _grey.Dispose();
        _previous.Dispose();
        _difference.Dispose();
    }
}
