namespace Watchpost.Gpio;

/// <summary>
/// The "platform" section of a board's file in firmware-config/: what the machine needs besides its pins (power
/// mode, udev rules, hardware video decode, where the GPU builds of ONNX Runtime and OpenCV come from). The
/// installer reads it in firmware-config/README.md; <c>watchpost doctor</c> checks what it says.
/// </summary>
public sealed record BoardPlatform
{
    /// <summary>The operating system the file was written for, e.g. "JetPack 6 (L4T r36, Ubuntu 22.04)".</summary>
    public required string Os { get; init; }

    /// <summary>How doctor recognises the machine (a file and text it contains); null = it does not try.</summary>
    public BoardIdentity? Identity { get; init; }

    public BoardPowerMode? PowerMode { get; init; }

    /// <summary>udev rules shipped in firmware-config/ that must be installed on the machine.</summary>
    public IReadOnlyList<BoardUdevRule> UdevRules { get; init => field = value ?? []; } = [];

    /// <summary>Hardware decode options for ffmpeg, best first; doctor reports which this machine's ffmpeg offers.</summary>
    public IReadOnlyList<BoardDecodeOption> Decode { get; init => field = value ?? []; } = [];

    /// <summary>Variants of the machine (CPU only, an NVIDIA GPU): the detector providers and packages of each.</summary>
    public IReadOnlyList<BoardVariant> Variants { get; init => field = value ?? []; } = [];

    /// <summary>Where the ONNX Runtime with the GPU providers comes from on this platform.</summary>
    public string? OnnxRuntime { get; init; }

    /// <summary>Where an OpenCV with GStreamer (and the GPU) comes from on this platform.</summary>
    public string? OpenCv { get; init; }

    /// <summary>Further notes for the installer.</summary>
    public IReadOnlyList<string> Notes { get; init => field = value ?? []; } = [];
}
