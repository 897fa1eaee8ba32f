using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Configuration;
using Watchpost.Gpio;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost gpio list|test</c> for installers: the site file's inputs and relays on the board, over the same
/// loader, board maps and <see cref="GpioService"/> the service runs. They take the pins, so stop the service first.
/// </summary>
public static class GpioCommand
{
    /// <param name="loggerFactory">Where the GPIO service logs (GPIO off, relay changes).</param>
    /// <param name="drivers">Opens the board's chip (default: libgpiod; tests pass an in-memory driver).</param>
    /// <param name="time">The clock of pulses and watches (default: the system's).</param>
    public static Command Create(ILoggerFactory? loggerFactory = null, IGpioDriverFactory? drivers = null, TimeProvider? time = null)
    {
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var factory = drivers ?? new SystemGpioDriverFactory();
        var clock = time ?? TimeProvider.System;
        var command = new Command("gpio", "List and test the GPIO inputs and relays of the site file");
        command.Add(List(logs, factory, clock));
        command.Add(Test(logs, factory, clock));
        return command;
    }

    private static Option<string> ConfigOption() => CommonOptions.Config();

    private static Command List(ILoggerFactory logs, IGpioDriverFactory drivers, TimeProvider time)
    {
        var config = ConfigOption();
        var json = CommonOptions.Json();
        var command = new Command("list", "Show the board, each input and relay with its pin, chip line and current level") { config, json };
        command.SetAction(async (parse, ct) =>
        {
            var options = WatchpostOptionsLoader.Load(parse.GetRequiredValue(config));
            await using var gpio = await StartAsync(options, logs, drivers, time, ct);
            var output = parse.InvocationConfiguration.Output;
            var readings = gpio.Read();
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new GpioListDocument
                {
                    Board = gpio.Board.Board,
                    Enabled = gpio.Enabled,
                    OffReason = gpio.OffReason,
                    Chip = gpio.ChipName,
                    Pins = [.. Entries(options.Gpio, gpio.Board, readings)],
                }, GpioCliJsonContext.Default.GpioListDocument));
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"board {gpio.Board.Board}: {gpio.Board.Description}");
            if (!gpio.Enabled)
            {
                await output.WriteLineAsync($"GPIO is off: {gpio.OffReason}");
            }
            else
            {
                await output.WriteLineAsync($"chip {gpio.ChipName}");
            }

            foreach (var entry in Entries(options.Gpio, gpio.Board, readings))
            {
                var level = entry.Level is null ? "-" : $"{entry.Level} ({(entry.Active == true ? "active" : "inactive")})";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Kind,-6} {entry.Name,-20} pin {entry.Pin,-3} {entry.PinName,-12} line {entry.Line,-4} {(entry.ActiveLow ? "active-low " : "active-high")} {level}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test(ILoggerFactory logs, IGpioDriverFactory drivers, TimeProvider time)
    {
        var config = ConfigOption();
        var name = new Argument<string>("name") { Description = "An input or relay of the site file's gpio section" };
        var seconds = new Option<double?>("--seconds") { Description = "How long to pulse the relay (default 2) or watch the input (default 10)" };
        var command = new Command("test", "Pulse a relay, or watch an input and print each change") { config, name, seconds };
        command.SetAction(async (parse, ct) =>
        {
            var options = WatchpostOptionsLoader.Load(parse.GetRequiredValue(config));
            var target = parse.GetRequiredValue(name);
            var output = parse.InvocationConfiguration.Output;
            var isRelay = options.Gpio.Outputs.Any(o => o.Name == target);
            if (!isRelay && options.Gpio.Inputs.All(i => i.Name != target))
            {
                var known = options.Gpio.Inputs.Select(i => i.Name).Concat(options.Gpio.Outputs.Select(o => o.Name)).ToList();
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"watchpost: gpio test: no input or relay named '{target}' in the site file (it has {(known.Count == 0 ? "none" : string.Join(", ", known))})");
                return ExitCodes.BadInput;
            }

            await using var gpio = await StartAsync(options, logs, drivers, time, ct);
            if (!gpio.Enabled)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"watchpost: GPIO is off: {gpio.OffReason}");
                return ExitCodes.CheckFailed;
            }

            var duration = parse.GetValue(seconds) ?? (isRelay ? 2 : 10);
            if (duration is <= 0 or > 86400)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("watchpost: gpio test: --seconds must be between 0 and 86400");
                return ExitCodes.BadInput;
            }

            var relayOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gpio.Changed += (_, state) =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{state.ChangedAt:HH:mm:ss.fff} {state.Name} {(state.Kind == "relay" ? (state.Active ? "on" : "off") : (state.Active ? "active" : "inactive"))}"));
                if (state.Kind == "relay" && state.Name == target && !state.Active)
                {
                    relayOff.TrySetResult();
                }
            };
            if (isRelay)
            {
                try
                {
                    await gpio.SetAsync(target, RelayAction.Pulse, duration, "cli", ct);
                }
                catch (ArgumentException e)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"watchpost: gpio test: {e.Message}");
                    return ExitCodes.BadInput;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"pulsing {target} for {duration} s"));
            }
            else
            {
                var reading = gpio.Read().First(r => r.Name == target);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"watching {target} (pin {reading.Pin.Pin}, line {reading.Pin.Line}) for {duration} s: now {(reading.High ? "high" : "low")} ({(reading.Active ? "active" : "inactive")})"));
            }

            if (isRelay)
            {
                // Until the pulse has ended and its "off" is printed (a busy machine may end it a little late).
                await relayOff.Task.WaitAsync(TimeSpan.FromSeconds(duration + 5), time, ct);
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(duration), time, ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<GpioService> StartAsync(WatchpostOptions options, ILoggerFactory logs, IGpioDriverFactory drivers, TimeProvider time, CancellationToken ct)
    {
        var gpio = new GpioService(options.Gpio, drivers, logs.CreateLogger<GpioService>(), time);
        await gpio.StartAsync(ct);
        return gpio;
    }

    private static IEnumerable<GpioListEntry> Entries(GpioOptions options, BoardMap board, IReadOnlyList<GpioPinReading> readings)
    {
        foreach (var (kind, name, pin, activeLow) in options.Inputs.Select(i => ("input", i.Name, i.Pin, i.ActiveLow))
                     .Concat(options.Outputs.Select(o => ("relay", o.Name, o.Pin, o.ActiveLow))))
        {
            var mapped = board.Find(pin);
            var reading = readings.FirstOrDefault(r => r.Name == name);
            yield return new GpioListEntry
            {
                Kind = kind,
                Name = name,
                Pin = mapped?.Pin ?? -1,
                PinName = mapped?.Name ?? pin,
                Line = mapped?.Line ?? -1,
                ActiveLow = activeLow,
                Level = reading is null ? null : reading.High ? "high" : "low",
                Active = reading?.Active,
            };
        }
    }
}
