using OpenCvSharp;
using Watchpost.Configuration;
using Watchpost.Detection;

namespace Watchpost.Ingest.Motion;

/// <summary>
/// A cheap per-camera motion detector on a small grey frame: the frame shrunk to <see cref="Width"/> pixels across,
/// grey, blurred, compared with a running-average background; pixels that differ by more than the threshold and lie
/// outside the masks are dilated into areas, and areas of at least the minimum size are motion. When more than
/// <see cref="MotionOptions.MaxChangedShare"/> of the picture changes at once the background is reset instead
/// (a lamp, a cloud, the IR switch). Owns its buffers: one per camera, disposed with it; not thread-safe.
/// </summary>
public sealed class MotionDetector : IDisposable
{
    /// <summary>
    /// Fewest pixels across the small frame: the frame is shrunk by the whole factor that keeps at least this many
    /// (768 px: by 4, to 192), as a whole factor is OpenCV's fast path; a person 10 px wide is still 2 px here.
    /// </summary>
    public const int Width = 160;

    /// <summary>
    /// How fast the background follows the picture, as time constants (stream time, so any frame rate behaves alike):
    /// where nothing moves it keeps up with slow light changes in a few seconds; where something changed it learns
    /// slowly, so a person standing still stays foreground for tens of seconds and a parked car is absorbed in a minute.
    /// </summary>
    private static readonly TimeSpan BackgroundTime = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ForegroundTime = TimeSpan.FromSeconds(30);

    /// <summary>Assumed frame interval when the timestamps do not give one (the first frame, equal timestamps).</summary>
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(0.2);

    private readonly MotionOptions _options;
    private readonly Mat _small = new();
    private readonly Mat _grey = new();
    private readonly Mat _background = new();      // CV_32F running average
    private readonly Mat _background8 = new();
    private readonly Mat _changed = new();
    private readonly Mat _dilated = new();
    private readonly Mat _still = new();
    private readonly Mat _everywhere = new();     // an empty mask: the whole picture
    private readonly Mat _allowed = new();         // 255 outside the masks (with masks only)
    private readonly Mat _kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(3, 3));
    private readonly List<BoundingBox> _boxes = [];
    private Size _frameSize;
    private Size _smallSize;
    private double _scale;
    private int _allowedPixels;
    private bool _masked;
    private TimeSpan? _previousTime;

    public MotionDetector(MotionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Compares <paramref name="bgr"/> (left unchanged) with the background and learns from it.</summary>
    public MotionResult Detect(Mat bgr, TimeSpan timestamp)
    {
        ArgumentNullException.ThrowIfNull(bgr);
        if (bgr.Empty())
        {
            return MotionResult.None;
        }

        var interval = _previousTime is { } previous && timestamp > previous ? timestamp - previous : DefaultInterval;
        _previousTime = timestamp;
        var restarted = bgr.Size() != _frameSize;
        if (restarted)
        {
            Resize(bgr.Size());
        }

        Cv2.Resize(bgr, _small, _smallSize, interpolation: InterpolationFlags.Area);
        if (_small.Channels() == 1)
        {
            _small.CopyTo(_grey);
        }
        else
        {
            Cv2.CvtColor(_small, _grey, ColorConversionCodes.BGR2GRAY);
        }

        Cv2.GaussianBlur(_grey, _grey, new Size(5, 5), 0);
        if (restarted)
        {
            _grey.ConvertTo(_background, MatType.CV_32F);
            return MotionResult.None;
        }

        _background.ConvertTo(_background8, MatType.CV_8U);
        Cv2.Absdiff(_grey, _background8, _changed);
        Cv2.Threshold(_changed, _changed, _options.Threshold, 255, ThresholdTypes.Binary);
        if (_masked)
        {
            Cv2.BitwiseAnd(_changed, _allowed, _changed);
        }

        var changedPixels = Cv2.CountNonZero(_changed);
        var share = _allowedPixels == 0 ? 0 : (double)changedPixels / _allowedPixels;
        if (share > _options.MaxChangedShare)
        {
            // A change of light, not something moving: start again from this picture.
            _grey.ConvertTo(_background, MatType.CV_32F);
            _boxes.Clear();
            return new MotionResult(false, share, LightingChange: true, _boxes);
        }

        _boxes.Clear();
        if (changedPixels > 0)
        {
            Cv2.Dilate(_changed, _dilated, _kernel, iterations: 2);
            FindAreas();
            Learn(interval, _dilated);
        }
        else
        {
            Learn(interval, foreground: null);
        }

        return new MotionResult(_boxes.Count > 0, share, LightingChange: false, _boxes);
    }

    private void Resize(Size frame)
    {
        _frameSize = frame;
        var factor = Math.Max(1, frame.Width / Width);
        _scale = factor;
        var small = _smallSize = new Size(Math.Max(1, frame.Width / factor), Math.Max(1, frame.Height / factor));
        _allowedPixels = small.Width * small.Height;
        _masked = _options.Masks.Count > 0;
        if (!_masked)
        {
            return;
        }

        _allowed.Create(small, MatType.CV_8UC1);
        _allowed.SetTo(Scalar.All(255));
        var polygons = _options.Masks
            .Select(polygon => polygon.Select(p => new Point((int)Math.Round(p[0] / _scale), (int)Math.Round(p[1] / _scale))).ToArray())
            .ToArray();
        Cv2.FillPoly(_allowed, polygons, Scalar.All(0));
        _allowedPixels = Cv2.CountNonZero(_allowed);
    }

    /// <summary>Outer contours of the dilated change; those with the minimum area of change become boxes in frame pixels.</summary>
    private void FindAreas()
    {
        var minArea = _options.MinArea / (_scale * _scale);
        Cv2.FindContours(_dilated, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
        foreach (var contour in contours)
        {
            // The changed pixels inside the area, not the dilated outline: dilation would make a speck look big.
            var rect = Cv2.BoundingRect(contour);
            using var inside = new Mat(_changed, rect);
            if (Cv2.CountNonZero(inside) < minArea)
            {
                continue;
            }

            var s = (float)_scale;
            _boxes.Add(new BoundingBox(rect.X * s, rect.Y * s, rect.Width * s, rect.Height * s));
        }
    }

    /// <summary>The background follows the still parts quickly and the changed parts slowly.</summary>
    private void Learn(TimeSpan interval, Mat? foreground)
    {
        var still = Alpha(interval, BackgroundTime);
        if (foreground is null)
        {
            Cv2.AccumulateWeighted(_grey, _background, still, _everywhere);
            return;
        }

        Cv2.BitwiseNot(foreground, _still);
        Cv2.AccumulateWeighted(_grey, _background, still, _still);
        Cv2.AccumulateWeighted(_grey, _background, Alpha(interval, ForegroundTime), foreground);
    }

    private static double Alpha(TimeSpan interval, TimeSpan timeConstant) =>
        1 - Math.Exp(-Math.Min(interval.TotalSeconds, 10) / timeConstant.TotalSeconds);

    public void Dispose()
    {
        _small.Dispose();
        _grey.Dispose();
        _background.Dispose();
        _background8.Dispose();
        _changed.Dispose();
        _dilated.Dispose();
        _still.Dispose();
        _allowed.Dispose();
        _everywhere.Dispose();
        _kernel.Dispose();
    }
}
