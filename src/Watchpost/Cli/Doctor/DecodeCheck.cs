using Watchpost.Gpio;
using Watchpost.Ingest;

namespace Watchpost.Cli.Doctor;

/// <summary>Which of the board's hardware decode options this machine's ffmpeg offers (<c>ffmpeg -hwaccels</c>, <c>-decoders</c>) and whose device node exists.</summary>
internal sealed class DecodeCheck : IDoctorCheck
{
    private readonly IReadOnlyList<BoardDecodeOption> _options;

    public DecodeCheck(IReadOnlyList<BoardDecodeOption> options) => _options = options;

    public string Name => "hardware decode";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var ffmpeg = FfmpegFrameSource.DefaultExecutable;
        var hwaccels = await ExternalTool.RunAsync(ffmpeg, ["-hide_banner", "-hwaccels"], TimeSpan.FromSeconds(10), cancellationToken);
        if (hwaccels is null)
        {
            return DoctorResult.Skip(Name, "ffmpeg is not installed (see the ffmpeg check)");
        }

        var decoders = await ExternalTool.RunAsync(ffmpeg, ["-hide_banner", "-decoders"], TimeSpan.FromSeconds(10), cancellationToken);
        var accelList = hwaccels.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1).ToHashSet(StringComparer.Ordinal);
        var decoderList = (decoders?.Stdout ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 1).Select(p => p[1]).ToHashSet(StringComparer.Ordinal);

        var usable = new List<BoardDecodeOption>();
        var not = new List<string>();
        foreach (var option in _options)
        {
            var why = new List<string>();
            if (option.Hwaccel is { } accel && !accelList.Contains(accel))
            {
                why.Add($"ffmpeg -hwaccels does not list {accel}");
            }

            if (option.Decoder is { } decoder && !decoderList.Contains(decoder))
            {
                why.Add($"ffmpeg -decoders does not list {decoder}");
            }

            if (option.Device is { } device && !File.Exists(device))
            {
                why.Add($"no {device}");
            }

            if (why.Count == 0)
            {
                usable.Add(option);
            }
            else
            {
                not.Add($"{option.Name}: {string.Join(", ", why)}");
            }
        }

        var others = not.Count == 0 ? "" : $"; not usable: {string.Join("; ", not)}";
        return usable.Count > 0
            ? DoctorResult.Pass(Name, $"{string.Join(", ", usable.Select(o => $"{o.Name} ({o.FfmpegArgs})"))}{others}")
            : DoctorResult.Warn(Name, $"none of the board's hardware decoders is usable, cameras are decoded on the CPU{others}", _options.Count > 0 ? _options[0].FfmpegBuild : null);
    }
}
