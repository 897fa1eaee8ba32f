using System.Device.Gpio;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Gpio;

/// <summary>
/// The GPIO stage: opens the board's chip, turns debounced input changes into events (through the recorder) and
/// retained state (<see cref="IGpioState.Changed"/>), and switches the relays for commands and for the rules
/// listed in an output's onRules. A machine without the chip runs with GPIO off (one warning) and the rest of the
/// service goes on. The service owns its <see cref="GpioController"/>; every call on it is made under one lock.
/// </summary>
public sealed class GpioService : IHostedService, IGpioState, IRelayController, IAsyncDisposable
{
    private readonly GpioOptions _options;
    private readonly BoardMap _board;
    private readonly IGpioDriverFactory _drivers;
    private readonly ILogger<GpioService> _logger;
    private readonly TimeProvider _time;
    private readonly EventRecorder? _recorder;
    private readonly IEventFeed? _feed;
    private readonly Lock _gate = new();
    private readonly List<GpioInput> _inputs = [];
    private readonly Dictionary<string, GpioRelay> _relays = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private GpioController? _controller;
    private bool _started;
    private bool _polling;
    private int _disposed;

    /// <param name="recorder">Where input changes are recorded as events; null = none (the installer's CLI).</param>
    /// <param name="feed">The stored changes whose rules pulse relays; null = no rule drives a relay.</param>
    public GpioService(GpioOptions options, IGpioDriverFactory drivers, ILogger<GpioService> logger,
        TimeProvider? time = null, EventRecorder? recorder = null, IEventFeed? feed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _board = BoardMaps.Find(options.Board) ?? throw new ArgumentException($"gpio.board: no pin map for '{options.Board}'", nameof(options));
        _drivers = drivers;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _recorder = recorder;
        _feed = feed;
        OffReason = "GPIO has not started";
    }

    public event EventHandler<GpioPinState>? Changed;

    public bool Enabled => _controller is not null;

    /// <summary>Why GPIO is off (null while it is on).</summary>
    public string? OffReason { get; private set; }

    public BoardMap Board => _board;

    /// <summary>The chip that was opened, e.g. gpiochip0 (null while GPIO is off).</summary>
    public string? ChipName { get; private set; }

    public IReadOnlyList<GpioPinState> Pins
    {
        get
        {
            lock (_gate)
            {
                return
                [
                    .. _inputs.Select(i => new GpioPinState(i.Name, "input", i.Pin.Pin, i.Active, i.ChangedAt)),
                    .. _relays.Values.Select(r => new GpioPinState(r.Name, "relay", r.Pin.Pin, r.On, r.ChangedAt)),
                ];
            }
        }
    }

    public IReadOnlyCollection<string> Relays
    {
        get
        {
            lock (_gate)
            {
                return [.. _relays.Keys];
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return Task.CompletedTask;
        }

        _started = true;
        if (_options.Inputs.Count == 0 && _options.Outputs.Count == 0)
        {
            OffReason = "no inputs or outputs are configured";
            _logger.LogInformation("GPIO is off: {Reason}", OffReason);
            return Task.CompletedTask;
        }

        try
        {
            Open();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Close();
            OffReason = e is GpioUnavailableException ? e.Message : $"board '{_board.Board}' could not be set up: {e.Message}";
            _logger.LogWarning("GPIO is off: {Reason}. The inputs and relays of the site file are not used; the rest of the service runs", OffReason);
            return Task.CompletedTask;
        }

        OffReason = null;
        _logger.LogInformation("GPIO is on: board {Board}, {Chip}, {Inputs} input(s), {Relays} relay(s)", _board.Board, ChipName, _inputs.Count, _relays.Count);
        if (_polling)
        {
            _loops.Add(Task.Run(() => PollAsync(_stopping.Token), CancellationToken.None));
        }

        if (_feed is not null && _options.Outputs.Any(o => o.OnRules.Count > 0))
        {
            var rules = new RuleRelayTrigger(_options.Outputs, this, _logger);
            _loops.Add(Task.Run(() => rules.FollowAsync(_feed, _stopping.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops following inputs and rules, switches every relay off and releases the chip.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The loops end on _stopping; a host that cannot wait goes on closing the chip.
        }

        lock (_gate)
        {
            foreach (var relay in _relays.Values.Where(r => r.On))
            {
                _logger.LogInformation("Relay {Relay} off: the service is stopping", relay.Name);
                WriteRelay(relay, on: false);
            }
        }

        Close();
        OffReason ??= "GPIO has stopped";
    }

    /// <summary>Stops (once: the host disposes the one instance under each of its service types).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }
    }

    public Task<bool> SetAsync(string name, RelayAction action, double? seconds, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        GpioPinState? changed;
        bool on;
        lock (_gate)
        {
            if (!_relays.TryGetValue(name, out var relay))
            {
                throw new KeyNotFoundException(_controller is null
                    ? $"no relay named '{name}': GPIO is off ({OffReason})"
                    : $"no relay named '{name}'; the relays are {(_relays.Count == 0 ? "none" : string.Join(", ", _relays.Keys))}");
            }

            if (action == RelayAction.Pulse)
            {
                if (seconds is not > 0 || !double.IsFinite(seconds.Value))
                {
                    throw new ArgumentException($"a pulse of relay '{name}' needs seconds > 0 (got {(seconds?.ToString(CultureInfo.InvariantCulture) ?? "none")})", nameof(seconds));
                }

                if (seconds > relay.Options.MaxSeconds)
                {
                    throw new ArgumentException(
                        $"a pulse of {seconds.Value.ToString(CultureInfo.InvariantCulture)} s is longer than relay '{name}' allows (maxSeconds {relay.Options.MaxSeconds.ToString(CultureInfo.InvariantCulture)})", nameof(seconds));
                }
            }

            // A newer command supersedes a running pulse: its end must not switch this one off.
            relay.Generation++;
            relay.PulseEnd?.Dispose();
            relay.PulseEnd = null;
            on = action != RelayAction.Off;
            changed = WriteRelay(relay, on);
            if (action == RelayAction.Pulse)
            {
                var generation = relay.Generation;
                relay.PulseEnd = _time.CreateTimer(_ => Guarded(() => EndPulse(relay, generation, seconds!.Value, by), relay.Name), null, TimeSpan.FromSeconds(seconds!.Value), Timeout.InfiniteTimeSpan);
                _logger.LogInformation("Relay {Relay} on for {Seconds} s (pulse), asked by {By}", name, seconds.Value, by);
            }
            else
            {
                _logger.LogInformation("Relay {Relay} {State}, asked by {By}", name, on ? "on" : "off", by);
            }
        }

        Announce(changed);
        return Task.FromResult(on);
    }

    /// <summary>Every configured pin as read now (empty while GPIO is off).</summary>
    internal IReadOnlyList<GpioPinReading> Read()
    {
        lock (_gate)
        {
            if (_controller is not { } controller)
            {
                return [];
            }

            var readings = new List<GpioPinReading>();
            foreach (var input in _inputs)
            {
                var high = controller.Read(input.Pin.Line) == PinValue.High;
                readings.Add(new GpioPinReading(input.Name, "input", input.Pin, high, high != input.Options.ActiveLow));
            }

            foreach (var relay in _relays.Values)
            {
                readings.Add(new GpioPinReading(relay.Name, "relay", relay.Pin, relay.On != relay.Options.ActiveLow, relay.On));
            }

            return readings;
        }
    }

    private void Open()
    {
        var chip = _drivers.Open(_board, _options.Chip);
        ChipName = chip.Name;
        var controller = new GpioController(chip.Driver);
        lock (_gate)
        {
            _controller = controller;
            var now = _time.GetUtcNow().UtcDateTime;
            foreach (var output in _options.Outputs)
            {
                var relay = new GpioRelay(output, Resolve(output.Pin)) { ChangedAt = now };
                controller.OpenPin(relay.Pin.Line, PinMode.Output, output.ActiveLow ? PinValue.High : PinValue.Low);
                _relays.Add(relay.Name, relay);
            }

            foreach (var options in _options.Inputs)
            {
                var input = new GpioInput(options, Resolve(options.Pin));
                controller.OpenPin(input.Pin.Line, InputMode(controller, input));
                input.Active = IsActive(controller, input);
                input.ChangedAt = now;
                input.LastPolledHigh = controller.Read(input.Pin.Line) == PinValue.High;
                input.Debounce = _time.CreateTimer(_ => Guarded(() => Settle(input), input.Name), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _inputs.Add(input);
                if (!_board.EdgeEvents)
                {
                    _polling = true;
                    continue;
                }

                try
                {
                    controller.RegisterCallbackForPinValueChangedEvent(input.Pin.Line, PinEventTypes.Rising | PinEventTypes.Falling, (_, _) => Edge(input));
                }
                catch (Exception e) when (e is NotImplementedException or NotSupportedException or PlatformNotSupportedException)
                {
                    _logger.LogWarning("GPIO input {Input}: the chip reports no edges on pin {Pin} ({Reason}); polling it every {Interval} ms", input.Name, input.Pin.Pin, e.Message, _board.PollMs);
                    _polling = true;
                }
            }
        }

        // An input already active at start (a door left open, a tripped tamper switch) is an event too.
        foreach (var input in _inputs.Where(i => i.Active))
        {
            _logger.LogWarning("GPIO input {Input} ({Kind}) is active at start", input.Name, input.Options.Kind);
            RecordEvent(input, active: true);
        }
    }

    private BoardPin Resolve(string pin) =>
        _board.Find(pin) ?? throw new ArgumentException($"board '{_board.Board}' has no GPIO pin '{pin}'");

    private PinMode InputMode(GpioController controller, GpioInput input)
    {
        var wanted = input.Options.Pull switch
        {
            "up" => PinMode.InputPullUp,
            "down" => PinMode.InputPullDown,
            _ => PinMode.Input,
        };
        if (wanted == PinMode.Input || controller.IsPinModeSupported(input.Pin.Line, wanted))
        {
            return wanted;
        }

        _logger.LogWarning("GPIO input {Input}: pin {Pin} cannot pull {Pull}; fit an external resistor", input.Name, input.Pin.Pin, input.Options.Pull);
        return PinMode.Input;
    }

    private static bool IsActive(GpioController controller, GpioInput input) =>
        (controller.Read(input.Pin.Line) == PinValue.High) != input.Options.ActiveLow;

    /// <summary>Any edge restarts the debounce: the level counts once it has held for debounceMs.</summary>
    private void Edge(GpioInput input)
    {
        if (input.Options.DebounceMs == 0)
        {
            Guarded(() => Settle(input), input.Name);
            return;
        }

        lock (_gate)
        {
            input.Debounce?.Change(TimeSpan.FromMilliseconds(input.Options.DebounceMs), Timeout.InfiniteTimeSpan);
        }
    }

    private void Settle(GpioInput input)
    {
        GpioPinState changed;
        lock (_gate)
        {
            if (_controller is not { } controller)
            {
                return;
            }

            var active = IsActive(controller, input);
            if (active == input.Active)
            {
                return;   // it bounced back to where it was
            }

            input.Active = active;
            input.ChangedAt = _time.GetUtcNow().UtcDateTime;
            changed = new GpioPinState(input.Name, "input", input.Pin.Pin, active, input.ChangedAt);
        }

        _logger.LogInformation("GPIO input {Input} ({Kind}) is {State}", input.Name, input.Options.Kind, changed.Active ? "active" : "back to normal");
        Announce(changed);
        RecordEvent(input, changed.Active);
    }

    private void RecordEvent(GpioInput input, bool active)
    {
        if (_recorder is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        string eventId;
        lock (_gate)
        {
            if (active)
            {
                input.EventId = Guid.CreateVersion7().ToString("N");
                input.EventStartedAt = now;
            }
            else if (input.EventId is null)
            {
                return;
            }

            eventId = input.EventId;
            if (!active)
            {
                input.EventId = null;
            }
        }

        var candidate = GpioInputEvent.Candidate(input.Options, input.Pin, eventId, active, input.EventStartedAt, now);
        if (!_recorder.TryRecord(candidate))
        {
            _logger.LogWarning("GPIO input {Input}: the event recorder has stopped; its {Phase} was not recorded", input.Name, candidate.Phase);
        }
    }

    /// <summary>For chips without edge events (the FT232H's CBUS pins): a change of level counts like an edge.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(1, _board.PollMs)), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var input in _inputs)
                {
                    bool edge;
                    lock (_gate)
                    {
                        if (_controller is not { } controller)
                        {
                            return;
                        }

                        var high = controller.Read(input.Pin.Line) == PinValue.High;
                        edge = input.LastPolledHigh is { } last && last != high;
                        input.LastPolledHigh = high;
                    }

                    if (edge)
                    {
                        Edge(input);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Polling the GPIO inputs failed; inputs are no longer followed");
        }
    }

    private void EndPulse(GpioRelay relay, long generation, double seconds, string by)
    {
        GpioPinState? changed;
        lock (_gate)
        {
            if (relay.Generation != generation || _controller is null)
            {
                return;   // superseded by a newer command, or stopped
            }

            relay.PulseEnd?.Dispose();
            relay.PulseEnd = null;
            changed = WriteRelay(relay, on: false);
        }

        _logger.LogInformation("Relay {Relay} off: the {Seconds} s pulse asked by {By} ended", relay.Name, seconds, by);
        Announce(changed);
    }

    /// <summary>Drives the line (under the lock); returns the new state when it changed.</summary>
    private GpioPinState? WriteRelay(GpioRelay relay, bool on)
    {
        _controller?.Write(relay.Pin.Line, on != relay.Options.ActiveLow ? PinValue.High : PinValue.Low);
        if (relay.On == on)
        {
            return null;
        }

        relay.On = on;
        relay.ChangedAt = _time.GetUtcNow().UtcDateTime;
        return new GpioPinState(relay.Name, "relay", relay.Pin.Pin, on, relay.ChangedAt);
    }

    /// <summary>Timer and driver callbacks: a chip that fails (an adapter unplugged) is logged, never thrown on a pool thread.</summary>
    private void Guarded(Action action, string pin)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError("GPIO {Pin}: the chip failed: {Reason}", pin, e.Message);
        }
    }

    private void Announce(GpioPinState? changed)
    {
        if (changed is null)
        {
            return;
        }

        try
        {
            Changed?.Invoke(this, changed);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A GPIO Changed handler failed for {Pin}", changed.Name);
        }
    }

    private void Close()
    {
        GpioController? controller;
        lock (_gate)
        {
            foreach (var input in _inputs)
            {
                input.Debounce?.Dispose();
                input.Debounce = null;
            }

            foreach (var relay in _relays.Values)
            {
                relay.PulseEnd?.Dispose();
                relay.PulseEnd = null;
            }

            controller = _controller;
            _controller = null;
            ChipName = null;
            _inputs.Clear();
            _relays.Clear();
        }

        controller?.Dispose();
    }
}
