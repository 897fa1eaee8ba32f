using Watchpost.Configuration;

namespace Watchpost.Gpio;

/// <summary>The running state of one relay (guarded by the service's lock).</summary>
internal sealed class GpioRelay(GpioOutputOptions options, BoardPin pin)
{
    public GpioOutputOptions Options { get; } = options;

    public BoardPin Pin { get; } = pin;

    public string Name => Options.Name;

    public bool On { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>Counts commands, so that a pulse's end does nothing once a newer command came.</summary>
    public long Generation { get; set; }

    /// <summary>Switches the relay off when the running pulse ends.</summary>
    public ITimer? PulseEnd { get; set; }
}
