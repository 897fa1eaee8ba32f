namespace Watchpost.Mqtt.State;

/// <summary>How often <see cref="StatePublisher"/> looks for changes, and what it cannot ask a service for.</summary>
public sealed record StatePublisherSettings
{
    /// <summary>How often the state is read and what changed published.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A topic whose meaning did not change (same camera state, only new frame counters or free bytes) is published
    /// again after this, so that its figures stay current without a message a second per camera.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The appliance's version for the device state.</summary>
    public string Version { get; init; } = typeof(StatePublisher).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The detector's execution provider (read once a second; null when there is no detector).</summary>
    public Func<string?> DetectorProvider { get; init; } = () => null;

    /// <summary>The detector's worker count.</summary>
    public Func<int?> DetectorWorkers { get; init; } = () => null;
}
