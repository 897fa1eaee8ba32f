using Watchpost.Behaviours;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.Tests.Support;

/// <summary>A door contact "lobby-door" (input) and a "siren" (relay) that a test switches.</summary>
internal sealed class FakeGpioState : IGpioState
{
    private volatile IReadOnlyList<GpioPinState> _pins =
    [
        new("lobby-door", "input", 17, false, DateTime.UtcNow),
        new("siren", "relay", 27, false, DateTime.UtcNow),
    ];

    public bool Enabled => true;

    public IReadOnlyList<GpioPinState> Pins => _pins;

    public event EventHandler<GpioPinState>? Changed;

    public void Set(string name, bool active)
    {
        var pin = _pins.Single(p => p.Name == name) with { Active = active, ChangedAt = DateTime.UtcNow };
        _pins = [.. _pins.Select(p => p.Name == name ? pin : p)];
        Changed?.Invoke(this, pin);
    }
}
