namespace Watchpost.Gpio;

/// <summary>The current level of every configured GPIO input and relay, for the retained state topics and the console.</summary>
public interface IGpioState
{
    /// <summary>False when GPIO is off (no chip, or none configured); then <see cref="Pins"/> is empty.</summary>
    bool Enabled { get; }

    IReadOnlyList<GpioPinState> Pins { get; }

    /// <summary>Raised after an input or relay changed (debounced); handlers must be short.</summary>
    event EventHandler<GpioPinState>? Changed;
}
