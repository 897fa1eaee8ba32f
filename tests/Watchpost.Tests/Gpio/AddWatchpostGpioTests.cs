using System.Device.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Gpio;

/// <summary>The GPIO stage in a Generic Host with the events stage, as the service composes them.</summary>
public sealed class AddWatchpostGpioTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);

    public void Dispose() => _folder.Dispose();

    private IHost Build(WatchpostOptions options, IGpioDriverFactory? drivers = null)
    {
        options.Storage = new StorageOptions { Path = _folder.Path };
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(_log.AsProvider());
        if (drivers is not null)
        {
            builder.Services.AddSingleton(drivers);
        }

        builder.Services.AddSingleton<IEventMessageComposer>(EventTestData.Composer());   // the MQTT stage's part, not under test here
        builder.Services.AddWatchpostEvents(options).AddWatchpostGpio(options);
        return builder.Build();
    }

    [Fact]
    public async Task Without_the_chip_GPIO_is_off_with_one_warning_and_the_host_runs_on()
    {
        // The real libgpiod factory, told to open a chip no machine has.
        var options = GpioSite.Load(GpioSite.Gpio.Replace("\"board\": \"jetson-orin-nano\",", "\"board\": \"jetson-orin-nano\", \"chip\": \"gpiochip99\",", StringComparison.Ordinal));
        using var host = Build(options);
        await host.StartAsync();

        var state = host.Services.GetRequiredService<IGpioState>();
        var relays = host.Services.GetRequiredService<IRelayController>();
        Assert.False(state.Enabled);
        Assert.Empty(state.Pins);
        Assert.Empty(relays.Relays);
        var warning = Assert.Single(_log.Entries, e => e.Message.StartsWith("GPIO is off", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("/dev/gpiochip99", warning.Message);
        var refused = await Assert.ThrowsAsync<KeyNotFoundException>(() => relays.SetAsync("siren", RelayAction.On, null, "test"));
        Assert.Contains("GPIO is off", refused.Message);

        // The rest runs: an event is still recorded.
        var recorder = host.Services.GetRequiredService<EventRecorder>();
        Assert.True(recorder.TryRecord(EventTestData.Candidate(withFrame: false)));
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));
        await host.StopAsync();
        _log.AssertNoErrors();
    }

    [Fact]
    public async Task A_board_of_none_without_pins_is_off_quietly()
    {
        using var host = Build(GpioSite.Load("""{ "board": "none" }"""));
        await host.StartAsync();

        Assert.False(host.Services.GetRequiredService<IGpioState>().Enabled);
        Assert.Equal("no inputs or outputs are configured", host.Services.GetRequiredService<GpioService>().OffReason);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
        await host.StopAsync();
    }

    [Fact]
    public async Task With_a_chip_the_host_records_input_events_and_stops_with_the_relays_off()
    {
        var chip = new InMemoryGpioDriver();
        chip.SetLevel(GpioSite.DoorLine, PinValue.High);
        using var host = Build(GpioSite.Load(), chip);
        await host.StartAsync();
        var gpio = host.Services.GetRequiredService<GpioService>();
        Assert.Same(gpio, host.Services.GetRequiredService<IGpioState>());
        Assert.Same(gpio, host.Services.GetRequiredService<IRelayController>());
        Assert.True(gpio.Enabled);

        chip.SetLevel(GpioSite.PanicLine, PinValue.High);
        var recorder = host.Services.GetRequiredService<EventRecorder>();
        Assert.True(await Poll.UntilAsync(() => recorder.Recorded == 1, Timeout));
        await gpio.SetAsync("siren", RelayAction.On, null, "test");
        Assert.Equal(PinValue.High, chip.Level(GpioSite.SirenLine));

        await host.StopAsync();
        Assert.Equal(PinValue.Low, chip.Level(GpioSite.SirenLine));
        Assert.True(chip.Disposed);
        using var store = new LiteDbEventStore(new StorageOptions { Path = _folder.Path });
        Assert.Equal("gpio:panic", Assert.Single(await store.ListRecentAsync(10)).RuleId);
        _log.AssertNoErrors();
    }
}
