namespace Watchpost.Gpio;

/// <summary>
/// The board's power mode (NVIDIA's nvpmodel). Mode numbers change between JetPack releases, so the recommendation
/// is by name, in order of preference; the number is read from the machine's <see cref="ConfigFile"/>.
/// </summary>
public sealed record BoardPowerMode
{
    /// <summary>The tool that sets and reports it, e.g. "nvpmodel".</summary>
    public required string Tool { get; init; }

    /// <summary>The tool's mode definitions (POWER_MODEL ID=.. NAME=..), e.g. /etc/nvpmodel.conf.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The modes to run in, best first (the first the machine defines is the one recommended).</summary>
    public required IReadOnlyList<string> Recommended { get; init; }

    /// <summary>The modes of each release, for the README (id and name as nvpmodel reports them).</summary>
    public IReadOnlyList<BoardPowerModeEntry> Modes { get; init => field = value ?? []; } = [];

    /// <summary>What to run after setting the mode (e.g. "sudo jetson_clocks" for fixed clocks), or null.</summary>
    public string? AfterSetting { get; init; }
}
