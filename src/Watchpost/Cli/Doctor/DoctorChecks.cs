using Watchpost.Configuration;
using Watchpost.Detection.Runtime;
using Watchpost.Gpio;

namespace Watchpost.Cli.Doctor;

/// <summary>The one list of doctor's checks, in the order they are shown.</summary>
public static class DoctorChecks
{
    /// <param name="options">The loaded site: one provider check per detector.providers entry, one camera check per camera.</param>
    /// <param name="board">The board checked: its platform section adds the board, power mode, udev and decode checks.</param>
    public static IReadOnlyList<IDoctorCheck> For(WatchpostOptions options, BoardMap board, bool skipCameras)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(board);
        var checks = new List<IDoctorCheck>
        {
            new FfmpegCheck(),
            new OpenCvCheck(),
            new ModelCheck(),
        };
        checks.AddRange(ExecutionProviderNames.ParseAll(options.Detector.Providers).Select(p => new ProviderCheck(p)));
        checks.AddRange(
        [
            new DiskCheck(),
            new DatabaseCheck(),
            new MqttCheck(),
            new GpioCheck(),
            new ClockCheck(),
            new ServiceCheck(),
            new BoardIdentityCheck(),
        ]);
        if (board.Platform is { } platform)
        {
            if (platform.PowerMode is { } power)
            {
                checks.Add(new PowerModeCheck(power));
            }

            checks.AddRange(platform.UdevRules.Select(r => new UdevRuleCheck(r)));
            if (platform.Decode.Count > 0)
            {
                checks.Add(new DecodeCheck(platform.Decode));
            }
        }

        if (!skipCameras)
        {
            checks.AddRange(options.Cameras.Select(c => new CameraCheck(c)));
        }

        return checks;
    }
}
