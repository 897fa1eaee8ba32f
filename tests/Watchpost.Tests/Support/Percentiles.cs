namespace Watchpost.Tests.Support;

/// <summary>Nearest-rank percentiles and medians of measured figures.</summary>
public static class Percentiles
{
    /// <param name="p">0 to 100.</param>
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
