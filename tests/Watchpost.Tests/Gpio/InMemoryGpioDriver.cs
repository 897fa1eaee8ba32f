using System.Collections.Concurrent;
using System.Device.Gpio;
using Watchpost.Gpio;

namespace Watchpost.Tests.Gpio;

/// <summary>
/// A GPIO chip in memory for <c>new GpioController(driver)</c>: the test sets an input's level as wiring would
/// (<see cref="SetLevel"/>) and the driver calls the registered edge callbacks, as libgpiod does; outputs keep what
/// was written. <paramref name="edges"/> false is a chip without edge events (the service must poll it).
/// </summary>
internal sealed class InMemoryGpioDriver(int pinCount = 200, bool edges = true) : GpioDriver, IGpioDriverFactory
{
    private readonly ConcurrentDictionary<int, PinValue> _levels = new();
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();
    private readonly ConcurrentDictionary<int, (PinEventTypes Types, PinChangeEventHandler Callback)> _callbacks = new();
    private readonly ConcurrentQueue<(int Line, PinValue Value)> _writes = new();

    public HashSet<int> OpenLines { get; } = [];

    public IReadOnlyList<(int Line, PinValue Value)> Writes => [.. _writes];

    public bool Disposed { get; private set; }

    /// <summary>Writes throw, as when a USB adapter is unplugged.</summary>
    public bool FailWrites { get; set; }

    protected override int PinCount => pinCount;

    /// <summary>The level on a line (what an output was driven to, or what the test set on an input).</summary>
    public PinValue Level(int line) => _levels.GetValueOrDefault(line, PinValue.Low);

    public PinMode Mode(int line) => _modes.GetValueOrDefault(line, PinMode.Input);

    /// <summary>Sets an input's level as the wiring would; a change calls the line's edge callback.</summary>
    public void SetLevel(int line, PinValue value)
    {
        var before = _levels.GetValueOrDefault(line, PinValue.Low);
        _levels[line] = value;
        if (before == value || !_callbacks.TryGetValue(line, out var registered))
        {
            return;
        }

        var type = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        if ((registered.Types & type) != 0)
        {
            registered.Callback(this, new PinValueChangedEventArgs(type, line));
        }
    }

    public OpenedGpioChip Open(BoardMap board, string? chip) => new(this, "in-memory " + (chip ?? "gpiochip0"));

    protected override void OpenPin(int pinNumber)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pinNumber, pinCount);
        lock (OpenLines)
        {
            OpenLines.Add(pinNumber);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (OpenLines)
        {
            OpenLines.Remove(pinNumber);
        }

        _callbacks.TryRemove(pinNumber, out _);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override PinMode GetPinMode(int pinNumber) => Mode(pinNumber);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => Level(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        if (FailWrites)
        {
            throw new IOException("the adapter is gone");
        }

        _levels[pinNumber] = value;
        _writes.Enqueue((pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the in-memory chip reports edges through callbacks only");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        if (!edges)
        {
            throw new NotSupportedException("this chip reports no edges");
        }

        _callbacks[pinNumber] = (eventTypes, callback);
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => _callbacks.TryRemove(pinNumber, out _);

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
