namespace Watchpost.Ingest;

/// <summary>
/// Delays between reconnect attempts: doubling from <see cref="Initial"/> up to <see cref="Max"/> (10 s), with a
/// little jitter so that cameras cut off together (a switch reboot) do not all retry in the same instant.
/// </summary>
internal sealed class ReconnectBackoff
{
    public static readonly ReconnectBackoff Default = new(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));

    public ReconnectBackoff(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        Initial = initial;
        Max = max;
    }

    public TimeSpan Initial { get; }
    public TimeSpan Max { get; }

    /// <summary>Delay before the given attempt (1 = the first retry after a failure).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doubled = Initial.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(doubled, Max.TotalSeconds);
        // Jitter only shortens, so the cap holds: 80-100 % of the nominal delay.
        return TimeSpan.FromSeconds(capped * (0.8 + (0.2 * Random.Shared.NextDouble())));
    }
}
