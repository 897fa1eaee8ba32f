using System.Device.Gpio;

namespace Watchpost.Gpio;

/// <summary>A driver for a board's GPIO chip, with the chip's name for logs and `watchpost gpio list`.</summary>
public sealed record OpenedGpioChip(GpioDriver Driver, string Name);
