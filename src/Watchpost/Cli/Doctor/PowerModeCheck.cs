using System.Text.RegularExpressions;
using Watchpost.Gpio;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// The board runs in the recommended power mode (nvpmodel -q on a Jetson). The recommendation is by name; the mode's
/// number is read from the machine's nvpmodel.conf, because JetPack releases number the modes differently.
/// </summary>
internal sealed partial class PowerModeCheck : IDoctorCheck
{
    private readonly BoardPowerMode _power;

    public PowerModeCheck(BoardPowerMode power) => _power = power;

    public string Name => "power mode";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var query = await ExternalTool.RunAsync(_power.Tool, ["-q"], TimeSpan.FromSeconds(10), cancellationToken);
        var recommended = string.Join(", else ", _power.Recommended);
        if (query is null)
        {
            return DoctorResult.Skip(Name, $"{_power.Tool} is not installed: not a Jetson (board '{context.Board.Board}' recommends {recommended})",
                $"on the Jetson itself (JetPack 6): sudo {_power.Tool} -q; see firmware-config/README.md");
        }

        if (query.ExitCode != 0)
        {
            return DoctorResult.Warn(Name, $"{_power.Tool} -q failed: {query.FirstLine}", $"sudo {_power.Tool} -q");
        }

        // "NV Power Mode: 15W" then the mode's number on the next line.
        var current = CurrentRegex().Match(query.Stdout) is { Success: true } m ? m.Groups["name"].Value : null;
        var modes = ReadModes(_power.ConfigFile);
        var target = _power.Recommended.FirstOrDefault(r => modes.ContainsKey(r)) ?? _power.Recommended[0];
        var id = modes.TryGetValue(target, out var number) ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "N";
        var after = _power.AfterSetting is null ? "" : $" && {_power.AfterSetting.Split(" (", 2)[0]}";
        if (current is null)
        {
            return DoctorResult.Warn(Name, $"cannot read the mode from {_power.Tool} -q: {query.FirstLine}", $"sudo {_power.Tool} -m {id}{after}");
        }

        return string.Equals(current, target, StringComparison.OrdinalIgnoreCase)
            ? DoctorResult.Pass(Name, $"{current} (the recommended mode)")
            : DoctorResult.Warn(Name, $"{current}; recommended {target} (mode {id} in {_power.ConfigFile}): detection is slower than it could be",
                $"sudo {_power.Tool} -m {id}{after}");
    }

    private static Dictionary<string, int> ReadModes(string file)
    {
        var modes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (File.Exists(file))
            {
                foreach (Match m in ModelRegex().Matches(File.ReadAllText(file)))
                {
                    modes.TryAdd(m.Groups["name"].Value, int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the file the hint says "-m N".
        }

        return modes;
    }

    [GeneratedRegex(@"NV Power Mode:\s*(?<name>\S+)")]
    private static partial Regex CurrentRegex();

    [GeneratedRegex(@"<\s*POWER_MODEL\s+ID=(?<id>\d+)\s+NAME=(?<name>[^\s>]+)\s*>")]
    private static partial Regex ModelRegex();
}
