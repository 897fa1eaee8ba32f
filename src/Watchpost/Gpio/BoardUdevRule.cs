namespace Watchpost.Gpio;

/// <summary>A udev rule shipped in firmware-config/ (<see cref="File"/>, relative to it) and where it is installed.</summary>
public sealed record BoardUdevRule
{
    public required string File { get; init; }

    /// <summary>e.g. /etc/udev/rules.d/99-watchpost-gpio.rules.</summary>
    public required string InstallTo { get; init; }

    /// <summary>Why the machine needs it.</summary>
    public string Why { get; init => field = value ?? ""; } = "";
}
