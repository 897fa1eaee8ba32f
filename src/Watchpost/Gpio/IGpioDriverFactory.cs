namespace Watchpost.Gpio;

/// <summary>Opens the GPIO chip of a board (the seam where tests pass an in-memory driver).</summary>
public interface IGpioDriverFactory
{
    /// <param name="chip">The site file's gpio.chip (a number or "gpiochipN"), or null for the map's.</param>
    /// <exception cref="GpioUnavailableException">This machine has no such chip (or no GPIO at all).</exception>
    OpenedGpioChip Open(BoardMap board, string? chip);
}
