using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Gpio;

/// <summary>Relays through the real GpioController over the in-memory chip: on, off, pulses, and rules pulsing them through the event feed.</summary>
public sealed class GpioRelayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RecordingLog _log = new(output);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero));
    private readonly InMemoryGpioDriver _chip = new();

    private async Task<GpioService> StartAsync(IEventFeed? feed = null)
    {
        _chip.SetLevel(GpioSite.DoorLine, PinValue.High);
        var gpio = new GpioService(GpioSite.Load().Gpio, _chip, _log.For<GpioService>(), _time, feed: feed);
        await gpio.StartAsync(CancellationToken.None);
        return gpio;
    }

    [Fact]
    public async Task Relays_start_off_at_their_own_level_and_switch_on_and_off()
    {
        await using var gpio = await StartAsync();
        Assert.Equal(["siren", "door-release"], gpio.Relays);
        Assert.Equal(PinMode.Output, _chip.Mode(GpioSite.SirenLine));
        Assert.Equal(PinValue.Low, _chip.Level(GpioSite.SirenLine));     // active high: off = low
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.ReleaseLine));  // active low: off = high

        var changes = new List<GpioPinState>();
        gpio.Changed += (_, state) => changes.Add(state);
        Assert.True(await gpio.SetAsync("door-release", RelayAction.On, null, "operator alice"));
        Assert.Equal(PinValue.Low, _chip.Level(GpioSite.ReleaseLine));
        Assert.True(gpio.Pins.Single(p => p.Name == "door-release").Active);
        Assert.False(await gpio.SetAsync("door-release", RelayAction.Off, null, "operator alice"));
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.ReleaseLine));
        Assert.Equal([("door-release", "relay", 31, true), ("door-release", "relay", 31, false)], changes.Select(c => (c.Name, c.Kind, c.Pin, c.Active)));
        Assert.Equal(2, _log.Entries.Count(e => e.Message.Contains("Relay door-release", StringComparison.Ordinal) && e.Message.Contains("asked by operator alice", StringComparison.Ordinal)));

        await gpio.StopAsync(CancellationToken.None);
        Assert.True(_chip.Disposed);
    }

    [Fact]
    public async Task A_pulse_ends_after_its_seconds_and_a_newer_command_supersedes_it()
    {
        await using var gpio = await StartAsync();
        await gpio.SetAsync("siren", RelayAction.Pulse, 10, "mqtt controller-1");
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.SirenLine));
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.SirenLine));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(PinValue.Low, _chip.Level(GpioSite.SirenLine));
        Assert.Contains(_log.Entries, e => e.Message == "Relay siren off: the 10 s pulse asked by mqtt controller-1 ended");

        // On during a pulse: stays on when the pulse would have ended.
        await gpio.SetAsync("siren", RelayAction.Pulse, 10, "a");
        _time.Advance(TimeSpan.FromSeconds(5));
        await gpio.SetAsync("siren", RelayAction.On, null, "b");
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.SirenLine));

        // A shorter pulse replaces a longer one: off at the newer one's end.
        await gpio.SetAsync("siren", RelayAction.Pulse, 100, "c");
        _time.Advance(TimeSpan.FromSeconds(1));
        await gpio.SetAsync("siren", RelayAction.Pulse, 2, "d");
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(PinValue.Low, _chip.Level(GpioSite.SirenLine));
        await gpio.SetAsync("siren", RelayAction.On, null, "e");
        _time.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.SirenLine));   // c's end came and did nothing
    }

    [Fact]
    public async Task A_chip_that_fails_when_a_pulse_ends_is_logged_not_thrown_on_the_timer_thread()
    {
        await using var gpio = await StartAsync();
        await gpio.SetAsync("siren", RelayAction.Pulse, 1, "test");
        _chip.FailWrites = true;

        _time.Advance(TimeSpan.FromSeconds(1));   // would take the process down if the timer callback threw

        Assert.Contains(_log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message == "GPIO siren: the chip failed: the adapter is gone");
        _chip.FailWrites = false;
    }

    [Fact]
    public async Task Bad_relay_commands_are_refused_and_change_nothing()
    {
        await using var gpio = await StartAsync();
        var before = _chip.Writes.Count;

        Assert.Contains("maxSeconds 5", Assert.Throws<ArgumentException>(() => gpio.SetAsync("door-release", RelayAction.Pulse, 6, "x").GetAwaiter().GetResult()).Message);
        Assert.Throws<ArgumentException>(() => gpio.SetAsync("siren", RelayAction.Pulse, null, "x").GetAwaiter().GetResult());
        Assert.Throws<ArgumentException>(() => gpio.SetAsync("siren", RelayAction.Pulse, -1, "x").GetAwaiter().GetResult());
        Assert.Throws<ArgumentException>(() => gpio.SetAsync("siren", RelayAction.Pulse, double.NaN, "x").GetAwaiter().GetResult());
        var unknown = Assert.Throws<KeyNotFoundException>(() => gpio.SetAsync("strobe", RelayAction.On, null, "x").GetAwaiter().GetResult());
        Assert.Contains("the relays are siren, door-release", unknown.Message);
        Assert.Throws<KeyNotFoundException>(() => gpio.SetAsync("lobby-door", RelayAction.On, null, "x").GetAwaiter().GetResult());   // an input is no relay

        Assert.Equal(before, _chip.Writes.Count);
        Assert.All(gpio.Pins, p => Assert.False(p.Active));
    }

    [Fact]
    public async Task A_started_event_of_a_listed_rule_pulses_its_relay_through_the_event_feed()
    {
        var feed = new EventFeed();
        await using var gpio = await StartAsync(feed);
        Assert.True(await Poll.UntilAsync(() => feed.Subscribers == 1, Timeout));
        var now = _time.GetUtcNow().UtcDateTime;
        var intrusion = EventTestData.Event("e1", now);             // rule night-intrusion
        var sirenWrites = () => _chip.Writes.Count(w => w.Line == GpioSite.SirenLine);
        var atStart = sirenWrites();

        feed.Publish(new EventChange(EventChangeKind.Started, intrusion with { RuleId = "loitering" }, now));   // not listed
        feed.Publish(new EventChange(EventChangeKind.Updated, intrusion, now));                                  // not a start
        feed.Publish(new EventChange(EventChangeKind.Started, intrusion, now));
        Assert.True(await Poll.UntilAsync(() => _chip.Level(GpioSite.SirenLine) == PinValue.High, Timeout));
        Assert.Equal(atStart + 1, sirenWrites());                   // the feed is in order: the first two did nothing
        Assert.Contains(_log.Entries, e => e.Message == "Relay siren on for 10 s (pulse), asked by rule night-intrusion (event e1)");

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(PinValue.Low, _chip.Level(GpioSite.SirenLine));
        Assert.Equal(PinValue.High, _chip.Level(GpioSite.ReleaseLine));   // the other relay untouched
        _log.AssertNoErrors();
    }
}
