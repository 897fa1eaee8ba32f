using Watchpost.Configuration;

namespace Watchpost.Gpio;

/// <summary>The running state of one input (guarded by the service's lock).</summary>
internal sealed class GpioInput(GpioInputOptions options, BoardPin pin)
{
    public GpioInputOptions Options { get; } = options;

    public BoardPin Pin { get; } = pin;

    public string Name => Options.Name;

    /// <summary>The debounced logical state: true = door open, tamper tripped, button pressed.</summary>
    public bool Active { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>The raw level last seen by the poll loop (boards without edge events).</summary>
    public bool? LastPolledHigh { get; set; }

    /// <summary>Fires when the level has held for debounceMs.</summary>
    public ITimer? Debounce { get; set; }

    /// <summary>The open event of the current activation (ended when the input returns).</summary>
    public string? EventId { get; set; }

    public DateTimeOffset EventStartedAt { get; set; }
}
