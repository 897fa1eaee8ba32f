namespace Watchpost.Bench;

/// <summary>
/// How far each camera fell short of the detections it asked for, and how evenly the detector shared itself out.
/// Expected detections: detectFps × seconds, or every frame the camera offered when detectFps is 0.
/// </summary>
public static class BenchShortfall
{
    public static double Expected(double detectFps, double seconds, long framesOffered) =>
        detectFps > 0 ? detectFps * seconds : framesOffered;

    /// <summary>1 - detected / expected, never below 0 (a camera detected on time, or more); 0 when nothing was expected.</summary>
    public static double Of(long detected, double expected) =>
        expected <= 0 ? 0 : Math.Max(0, 1 - (detected / expected));

    /// <summary>The whole site's shortfall: 1 - all detections / all expected.</summary>
    public static double Total(IEnumerable<(long Detected, double Expected)> cameras)
    {
        var list = cameras.ToList();
        return Of(list.Sum(c => c.Detected), list.Sum(c => c.Expected));
    }

    /// <summary>Lowest camera detect rate ÷ highest (1 = perfectly fair); 0 when no camera detected anything.</summary>
    public static double Fairness(IEnumerable<double> detectRates)
    {
        var rates = detectRates.ToList();
        if (rates.Count == 0 || rates.Max() <= 0)
        {
            return 0;
        }

        return rates.Min() / rates.Max();
    }
}
