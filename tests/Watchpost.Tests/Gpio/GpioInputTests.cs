using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Gpio;

/// <summary>Inputs through the real GpioController over the in-memory chip: debounce, active low, events in a real event log.</summary>
public sealed class GpioInputTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    private static InMemoryGpioDriver ChipAtRest(bool edges = true)
    {
        var chip = new InMemoryGpioDriver(edges: edges);
        chip.SetLevel(GpioSite.DoorLine, PinValue.High);    // active low: a closed door reads high
        chip.SetLevel(GpioSite.PanicLine, PinValue.Low);
        return chip;
    }

    [Fact]
    public async Task Bounces_within_debounceMs_make_one_change_and_a_bounce_back_makes_none()
    {
        var chip = ChipAtRest();
        await using var gpio = new GpioService(GpioSite.Load().Gpio, chip, _log.For<GpioService>(), _time);
        var changes = new List<GpioPinState>();
        gpio.Changed += (_, state) => changes.Add(state);
        await gpio.StartAsync(CancellationToken.None);
        Assert.True(gpio.Enabled);
        Assert.Equal(PinMode.Input, chip.Mode(GpioSite.DoorLine));

        // The door opens: the contact chatters for 20 ms, then stays low (active).
        foreach (var level in new[] { PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low })
        {
            chip.SetLevel(GpioSite.DoorLine, level);
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        Assert.Empty(changes);                              // the last edge was at 20 ms: stable at 70 ms
        _time.Advance(TimeSpan.FromMilliseconds(44));
        Assert.Empty(changes);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        var opened = Assert.Single(changes);
        Assert.Equal(("lobby-door", "input", 7, true), (opened.Name, opened.Kind, opened.Pin, opened.Active));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, opened.ChangedAt);

        // A knock: high for 10 ms and back to low. The level never held, so nothing changed.
        chip.SetLevel(GpioSite.DoorLine, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        chip.SetLevel(GpioSite.DoorLine, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Single(changes);

        chip.SetLevel(GpioSite.DoorLine, PinValue.High);   // closed again
        _time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.Equal([true, false], changes.Select(c => c.Active));
        Assert.False(gpio.Pins.Single(p => p.Name == "lobby-door").Active);
    }

    [Fact]
    public async Task Active_low_and_active_high_inputs_read_the_right_way_round()
    {
        var chip = ChipAtRest();
        await using var gpio = new GpioService(GpioSite.Load().Gpio, chip, _log.For<GpioService>(), _time);
        await gpio.StartAsync(CancellationToken.None);
        Assert.All(gpio.Pins, p => Assert.False(p.Active));   // high door line = closed; low panic line = not pressed

        chip.SetLevel(GpioSite.PanicLine, PinValue.High);     // active high, debounceMs 0: at once
        Assert.True(gpio.Pins.Single(p => p.Name == "panic").Active);
        chip.SetLevel(GpioSite.DoorLine, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(gpio.Pins.Single(p => p.Name == "lobby-door").Active);

        var door = gpio.Read().Single(r => r.Name == "lobby-door");
        Assert.False(door.High);
        Assert.True(door.Active);
    }

    [Fact]
    public async Task A_door_opening_and_closing_is_one_event_started_and_ended_in_the_event_log()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        await using var recorder = new EventRecorder(store, EventTestData.Composer(), new SnapshotRenderer(), new EventFeed(), _log.For<EventRecorder>());
        await recorder.StartAsync(CancellationToken.None);
        var chip = ChipAtRest();
        await using var gpio = new GpioService(GpioSite.Load().Gpio, chip, _log.For<GpioService>(), _time, recorder);
        await gpio.StartAsync(CancellationToken.None);

        chip.SetLevel(GpioSite.DoorLine, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        var openedAt = _time.GetUtcNow().UtcDateTime;
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));
        var stored = Assert.Single(await store.ListRecentAsync(10));
        Assert.Equal(("door_open", "gpio:lobby-door", "gate-1", "gpio", "high"), (stored.Type, stored.RuleId, stored.CameraId, stored.ClassName, stored.Severity));
        Assert.Null(stored.SnapshotId);
        Assert.Null(stored.TrackId);
        Assert.Null(stored.EndedAt);
        Assert.Equal(openedAt, stored.StartedAt);
        Assert.Equal("lobby-door", stored.Details["input"]);
        Assert.Single(await store.ListPendingAsync(10));    // its alert is in the outbox

        _time.Advance(TimeSpan.FromSeconds(30));
        chip.SetLevel(GpioSite.DoorLine, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(await Poll.UntilAsync(async () => (await store.GetAsync(stored.Id))?.EndedAt is not null, Timeout));
        Assert.Equal(openedAt.AddSeconds(30.05), (await store.GetAsync(stored.Id))!.EndedAt);

        chip.SetLevel(GpioSite.PanicLine, PinValue.High);   // a panic button without a camera: camera "gpio"
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 2, Timeout));
        var panic = (await store.ListRecentAsync(10)).Single(e => e.Type == "panic");
        Assert.Equal(("gpio:panic", "gpio", "critical"), (panic.RuleId, panic.CameraId, panic.Severity));
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_chip_without_edge_events_is_polled_and_still_debounced()
    {
        var chip = ChipAtRest(edges: false);
        await using var gpio = new GpioService(GpioSite.Load().Gpio, chip, _log.For<GpioService>(), _time);
        var changes = 0;
        gpio.Changed += (_, _) => Interlocked.Increment(ref changes);
        await gpio.StartAsync(CancellationToken.None);
        Assert.Contains(_log.Entries, e => e.Message.Contains("polling it every", StringComparison.Ordinal));

        chip.SetLevel(GpioSite.DoorLine, PinValue.Low);
        // The poll loop runs on its own; step the fake clock until it has seen the level and the debounce passed.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref changes) == 0 && clock.Elapsed < Timeout)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(2);
        }

        Assert.Equal(1, changes);
        Assert.True(gpio.Pins.Single(p => p.Name == "lobby-door").Active);
    }

    [Fact]
    public async Task An_input_active_at_start_is_an_event()
    {
        using var store = new LiteDbEventStore(Path.Combine(_folder.Path, "watchpost.db"));
        await using var recorder = new EventRecorder(store, EventTestData.Composer(), new SnapshotRenderer(), new EventFeed(), _log.For<EventRecorder>());
        await recorder.StartAsync(CancellationToken.None);
        var chip = ChipAtRest();
        chip.SetLevel(GpioSite.DoorLine, PinValue.Low);   // the door was left open
        await using var gpio = new GpioService(GpioSite.Load().Gpio, chip, _log.For<GpioService>(), _time, recorder);
        await gpio.StartAsync(CancellationToken.None);

        Assert.True(gpio.Pins.Single(p => p.Name == "lobby-door").Active);
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));
        Assert.Equal("door_open", Assert.Single(await store.ListRecentAsync(10)).Type);
    }
}
