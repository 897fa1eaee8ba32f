using Watchpost.Detection;

namespace Watchpost.Tracking;

/// <summary>
/// Constant-velocity Kalman filter on a box's centre x, centre y, width and height. Time is in seconds, and every
/// noise is a fraction of the box height (as in ByteTrack), so the filter behaves the same at any frame rate and
/// any distance from the camera. With diagonal noise the four coordinates never correlate, so the 8-state filter
/// is four independent (position, velocity) filters.
/// </summary>
internal sealed class BoxKalmanFilter
{
    private const int Axes = 4; // cx, cy, w, h
    private readonly KalmanNoise _noise;
    private readonly double[] _position = new double[Axes];
    private readonly double[] _velocity = new double[Axes];
    private readonly double[] _varPosition = new double[Axes];
    private readonly double[] _covariance = new double[Axes];
    private readonly double[] _varVelocity = new double[Axes];

    public BoxKalmanFilter(BoundingBox box, KalmanNoise noise)
    {
        _noise = noise;
        Set(box);
    }

    /// <summary>The filter's current estimate of the box.</summary>
    public BoundingBox Box
    {
        get
        {
            var w = Math.Max(1.0, _position[2]);
            var h = Math.Max(1.0, _position[3]);
            return new BoundingBox((float)(_position[0] - w / 2), (float)(_position[1] - h / 2), (float)w, (float)h);
        }
    }

    /// <summary>Centre velocity in pixels per second.</summary>
    public (double X, double Y) Velocity => (_velocity[0], _velocity[1]);

    private double Height => Math.Max(1.0, _position[3]);

    /// <summary>Restarts the filter at <paramref name="box"/> with no velocity and the initial uncertainty.</summary>
    public void Set(BoundingBox box)
    {
        _position[0] = box.CenterX;
        _position[1] = box.CenterY;
        _position[2] = box.Width;
        _position[3] = box.Height;
        var h = Height;
        for (var i = 0; i < Axes; i++)
        {
            _velocity[i] = 0;
            _varPosition[i] = Square(_noise.InitialPosition * h);
            _covariance[i] = 0;
            _varVelocity[i] = Square(_noise.InitialVelocity * h);
        }
    }

    /// <summary>Moves the estimate <paramref name="seconds"/> ahead; <paramref name="freezeSize"/> stops the size from drifting while unobserved.</summary>
    public void Predict(double seconds, bool freezeSize)
    {
        if (seconds <= 0)
        {
            return;
        }

        if (freezeSize)
        {
            _velocity[2] = 0;
            _velocity[3] = 0;
        }

        var h = Height;
        var qPosition = Square(_noise.Position * h) * seconds;
        var qVelocity = Square(_noise.Velocity * h) * seconds;
        for (var i = 0; i < Axes; i++)
        {
            _position[i] += _velocity[i] * seconds;
            _varPosition[i] += 2 * seconds * _covariance[i] + seconds * seconds * _varVelocity[i] + qPosition;
            _covariance[i] += seconds * _varVelocity[i];
            _varVelocity[i] += qVelocity;
        }
    }

    /// <summary>Corrects the estimate with a measured box.</summary>
    public void Update(BoundingBox measured)
    {
        Span<double> z = [measured.CenterX, measured.CenterY, measured.Width, measured.Height];
        var r = Square(_noise.Measurement * Height);
        for (var i = 0; i < Axes; i++)
        {
            var s = _varPosition[i] + r;
            var gainPosition = _varPosition[i] / s;
            var gainVelocity = _covariance[i] / s;
            var innovation = z[i] - _position[i];
            _position[i] += gainPosition * innovation;
            _velocity[i] += gainVelocity * innovation;
            _varVelocity[i] -= gainVelocity * _covariance[i];
            _covariance[i] *= 1 - gainPosition;
            _varPosition[i] *= 1 - gainPosition;
        }
    }

    private static double Square(double x) => x * x;
}
