using Watchpost.Gpio;

namespace Watchpost.Cli.Doctor;

/// <summary>The board's GPIO chip opens through the service's driver factory (<see cref="SystemGpioDriverFactory"/>): the chip only, no lines, so a running service keeps its pins.</summary>
internal sealed class GpioCheck : IDoctorCheck
{
    public string Name => "gpio";

    public Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var gpio = context.Options.Gpio;
        var board = context.Board;
        var pins = gpio.Inputs.Count + gpio.Outputs.Count;
        if (board.Driver == "none")
        {
            return Task.FromResult(DoctorResult.Skip(Name, $"board '{board.Board}' has no GPIO"));
        }

        try
        {
            var chip = new SystemGpioDriverFactory().Open(board, gpio.Chip);
            using (chip.Driver)
            {
                return Task.FromResult(DoctorResult.Pass(Name, $"board '{board.Board}': {chip.Name} opens ({gpio.Inputs.Count} input(s), {gpio.Outputs.Count} relay(s) in the site file)"));
            }
        }
        catch (GpioUnavailableException e)
        {
            var hint = board.ChipLabel == "ftdi-cbus"
                ? "plug in the FT232H and set its ACBUS pins to GPIO in its EEPROM (docs/gpio.md); then: ls -l /dev/gpiochip*"
                : $"check gpio.board in {context.SiteFile} (boards: {string.Join(", ", BoardMaps.Names)}); ls -l /dev/gpiochip*; install the udev rule (firmware-config/README.md) and add the watchpost user to the gpio group";
            var detail = $"board '{board.Board}': {e.Message}";
            return Task.FromResult(pins > 0
                ? DoctorResult.Fail(Name, $"{detail}; the site file's {pins} input(s)/relay(s) will not work", hint)
                : DoctorResult.Warn(Name, $"{detail} (the site file uses no pins)", hint));
        }
    }
}
