using Watchpost.Gpio;

namespace Watchpost.Cli.Doctor;

/// <summary>A udev rule of the board's file is installed as shipped (and the gpio group it names exists).</summary>
internal sealed class UdevRuleCheck : IDoctorCheck
{
    private readonly BoardUdevRule _rule;

    public UdevRuleCheck(BoardUdevRule rule) => _rule = rule;

    public string Name => $"udev rule {Path.GetFileName(_rule.File)}";

    public Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var install = $"sudo groupadd -f -r gpio && sudo install -m 0644 firmware-config/{_rule.File} {_rule.InstallTo} && " +
                      "sudo udevadm control --reload-rules && sudo udevadm trigger --subsystem-match=gpio";
        var usesPins = context.Options.Gpio.Inputs.Count + context.Options.Gpio.Outputs.Count > 0;
        if (!File.Exists(_rule.InstallTo))
        {
            var detail = $"{_rule.InstallTo} is not installed ({_rule.Why})";
            return Task.FromResult(usesPins ? DoctorResult.Fail(Name, detail, install) : DoctorResult.Warn(Name, $"{detail}; the site file uses no pins yet", install));
        }

        var shipped = BoardFiles.Read(_rule.File);
        string installed;
        try
        {
            installed = File.ReadAllText(_rule.InstallTo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(DoctorResult.Warn(Name, $"{_rule.InstallTo} cannot be read: {e.Message}", $"sudo cat {_rule.InstallTo}"));
        }

        if (shipped is not null && Normalise(shipped) != Normalise(installed))
        {
            return Task.FromResult(DoctorResult.Warn(Name, $"{_rule.InstallTo} differs from the shipped firmware-config/{_rule.File}", install));
        }

        var group = File.Exists("/etc/group") && File.ReadLines("/etc/group").Any(l => l.StartsWith("gpio:", StringComparison.Ordinal));
        return Task.FromResult(group
            ? DoctorResult.Pass(Name, $"{_rule.InstallTo} installed")
            : DoctorResult.Fail(Name, $"{_rule.InstallTo} installed, but there is no gpio group for it to give the chips to", "sudo groupadd -f -r gpio && sudo usermod -aG gpio watchpost && sudo udevadm trigger --subsystem-match=gpio"));
    }

    private static string Normalise(string text) =>
        string.Join('\n', text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));
}
