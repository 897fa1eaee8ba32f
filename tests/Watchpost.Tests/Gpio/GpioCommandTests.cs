using System.CommandLine;
using System.Device.Gpio;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watchpost.Cli;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Gpio;

/// <summary>`watchpost gpio list|test` in-process over the in-memory chip, and through WatchpostCli on this machine (no chip).</summary>
public sealed class GpioCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingLog _log = new(output);
    private readonly InMemoryGpioDriver _chip = new();

    public void Dispose() => _folder.Dispose();

    private string Site(string gpio = GpioSite.Gpio)
    {
        var path = _folder.File($"site-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, GpioSite.Json(gpio));
        return path;
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAsync(new StringWriter(), args);

    private async Task<(int Code, string Output, string Error)> RunAsync(StringWriter stdout, params string[] args)
    {
        using var logs = LoggerFactory.Create(b => b.AddProvider(_log.AsProvider()));
        var root = new RootCommand { GpioCommand.Create(logs, _chip) };
        using var owned = stdout;
        using var stderr = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        output.WriteLine($"$ watchpost {string.Join(' ', args)} -> {code}\n{stdout}{stderr}");
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task List_shows_each_pin_with_its_line_and_level()
    {
        _chip.SetLevel(GpioSite.DoorLine, PinValue.Low);   // the door is open
        var site = Site();

        var (code, text, _) = await RunAsync("gpio", "list", "--config", site);

        Assert.Equal(0, code);
        Assert.Contains("board jetson-orin-nano", text);
        Assert.Contains("chip in-memory gpiochip0", text);
        Assert.Matches(@"input\s+lobby-door\s+pin 7\s+GPIO09\s+line 144\s+active-low\s+low \(active\)", text);
        Assert.Matches(@"relay\s+siren\s+pin 12\s+I2S0_SCLK\s+line 50\s+active-high low \(inactive\)", text);
        Assert.Matches(@"relay\s+door-release\s+pin 31\s+GPIO11\s+line 106\s+active-low\s+high \(inactive\)", text);

        (code, text, _) = await RunAsync("gpio", "list", "--config", site, "--json");
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.True(json.GetProperty("enabled").GetBoolean());
        Assert.Equal("jetson-orin-nano", json.GetProperty("board").GetString());
        var door = json.GetProperty("pins")[0];
        Assert.Equal(("lobby-door", 7, 144, "low", true), (door.GetProperty("name").GetString(), door.GetProperty("pin").GetInt32(), door.GetProperty("line").GetInt32(),
            door.GetProperty("level").GetString(), door.GetProperty("active").GetBoolean()));
        Assert.Equal("GPIO01", json.GetProperty("pins")[1].GetProperty("pin_name").GetString());
    }

    [Fact]
    public async Task Test_pulses_a_relay_and_prints_on_and_off()
    {
        var (code, text, _) = await RunAsync("gpio", "test", "siren", "--config", Site(), "--seconds", "0.3");

        Assert.Equal(0, code);
        Assert.Contains("pulsing siren for 0.3 s", text);
        Assert.Matches(@"siren on\n(.|\n)*siren off", text.ReplaceLineEndings("\n"));
        Assert.Equal([PinValue.Low, PinValue.High, PinValue.Low], _chip.Writes.Where(w => w.Line == GpioSite.SirenLine).Select(w => w.Value));
        Assert.Contains(_log.Entries, e => e.Message.Contains("asked by cli", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_watches_an_input_and_prints_its_changes()
    {
        _chip.SetLevel(GpioSite.DoorLine, PinValue.High);
        var site = Site();
        // The door opens once the command says it is watching (start-up on a busy machine takes a while).
        var stdout = new LineWatchingWriter("watching", () => Task.Run(async () =>
        {
            await Task.Delay(100);
            _chip.SetLevel(GpioSite.DoorLine, PinValue.Low);
        }));

        var (code, text, _) = await RunAsync(stdout, "gpio", "test", "lobby-door", "--config", site, "--seconds", "1");

        Assert.Equal(0, code);
        Assert.Contains("watching lobby-door (pin 7, line 144) for 1 s: now high (inactive)", text);
        Assert.Contains("lobby-door active", text);
    }

    [Fact]
    public async Task Test_refuses_an_unknown_name_a_too_long_pulse_and_a_bad_site()
    {
        var site = Site();
        var (code, _, error) = await RunAsync("gpio", "test", "strobe", "--config", site);
        Assert.Equal(2, code);
        Assert.Contains("no input or relay named 'strobe' in the site file (it has lobby-door, panic, siren, door-release)", error);

        (code, _, error) = await RunAsync("gpio", "test", "door-release", "--config", site, "--seconds", "9");
        Assert.Equal(2, code);
        Assert.Contains("longer than relay 'door-release' allows (maxSeconds 5)", error);
        Assert.DoesNotContain(_chip.Writes, w => w.Line == GpioSite.ReleaseLine && w.Value == PinValue.Low);   // never switched on

        // A bad gpio section ends like every bad site file: exit 2 from WatchpostCli, not a crash.
        var bad = Site("""{ "board": "jetson-orin-nano", "inputs": [ { "name": "door", "pin": 3, "kind": "door" } ] }""");
        Assert.Equal(2, await WatchpostCli.InvokeAsync(["gpio", "list", "--config", bad]));
    }

    [Fact]
    public async Task Through_WatchpostCli_on_a_machine_without_the_chip_list_says_GPIO_is_off()
    {
        var site = Site(GpioSite.Gpio.Replace("\"board\": \"jetson-orin-nano\",", "\"board\": \"jetson-orin-nano\", \"chip\": \"99\",", StringComparison.Ordinal));
        Assert.Equal(0, await WatchpostCli.InvokeAsync(["gpio", "list", "--config", site]));
        Assert.Equal(1, await WatchpostCli.InvokeAsync(["gpio", "test", "siren", "--config", site]));   // nothing to pulse

        // The same through the in-process command, where the output can be read.
        using var logs = LoggerFactory.Create(b => b.AddProvider(_log.AsProvider()));
        var root = new RootCommand { GpioCommand.Create(logs) };
        using var stdout = new StringWriter();
        Assert.Equal(0, await root.Parse(["gpio", "list", "--config", site, "--json"]).InvokeAsync(new InvocationConfiguration { Output = stdout }));
        var json = JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.False(json.GetProperty("enabled").GetBoolean());
        Assert.Contains("/dev/gpiochip99", json.GetProperty("off_reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("pins")[0].GetProperty("level").ValueKind);
    }

    /// <summary>Output that runs an action when a line containing a text is written.</summary>
    private sealed class LineWatchingWriter(string text, Action action) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                action();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
