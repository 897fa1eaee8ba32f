using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Globalization;

namespace Watchpost.Gpio;

/// <summary>Opens a board's chip with the libgpiod driver: the site file's chip, else the chip with the map's label, else the map's number.</summary>
public sealed class SystemGpioDriverFactory : IGpioDriverFactory
{
    public OpenedGpioChip Open(BoardMap board, string? chip)
    {
        ArgumentNullException.ThrowIfNull(board);
        if (board.Driver == "none")
        {
            throw new GpioUnavailableException($"board '{board.Board}' has no GPIO");
        }

        var number = chip is not null ? ParseChip(chip) : FindByLabel(board) ?? board.Chip ?? 0;
        var device = $"/dev/gpiochip{number}";
        if (!File.Exists(device))
        {
            throw new GpioUnavailableException($"this machine has no GPIO chip {device} (board '{board.Board}' expects {board.ChipLabel ?? "one"})");
        }

        try
        {
            return new OpenedGpioChip(new LibGpiodDriver(number), $"gpiochip{number}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No libgpiod on the machine (DllNotFoundException), no permission on the device, ...
            throw new GpioUnavailableException($"{device} cannot be opened with libgpiod: {e.Message}", e);
        }
    }

    private static int ParseChip(string chip)
    {
        var text = chip.StartsWith("gpiochip", StringComparison.Ordinal) ? chip["gpiochip".Length..] : chip;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new GpioUnavailableException($"gpio.chip '{chip}' is not a chip number or gpiochipN");
    }

    private static int? FindByLabel(BoardMap board)
    {
        if (board.ChipLabel is null || !Directory.Exists("/dev") || !Directory.EnumerateFiles("/dev", "gpiochip*").Any())
        {
            return null;
        }

        try
        {
            return LibGpiodDriver.GetAvailableChips().FirstOrDefault(c => c.Label == board.ChipLabel)?.Id;
        }
        catch (Exception e) when (e is DllNotFoundException or PlatformNotSupportedException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
