using System.Runtime.InteropServices;

namespace Watchpost.Cli.Doctor;

/// <summary>
/// The clock is synchronised (event times, TLS and the schedules depend on it): timedatectl where systemd runs,
/// else chrony, else the kernel's own flag (adjtimex, which also answers inside a container: the clock is the host's).
/// </summary>
internal sealed partial class ClockCheck : IDoctorCheck
{
    private const int TimeError = 5;   // adjtimex's TIME_ERROR: STA_UNSYNC, no time source disciplines the clock

    private const string Hint = "sudo timedatectl set-ntp true (systemd-timesyncd), or sudo apt-get install chrony; then: timedatectl timesync-status or chronyc tracking";

    public string Name => "clock";

    public async Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (SystemdState.Running && await ExternalTool.RunAsync("timedatectl", ["show", "-p", "NTPSynchronized", "--value"], TimeSpan.FromSeconds(10), cancellationToken) is { ExitCode: 0 } timedatectl)
        {
            return timedatectl.Stdout.Trim() == "yes"
                ? DoctorResult.Pass(Name, "synchronised (timedatectl: NTPSynchronized=yes)")
                : DoctorResult.Fail(Name, "not synchronised (timedatectl: NTPSynchronized=no)", Hint);
        }

        if (await ExternalTool.RunAsync("chronyc", ["-n", "tracking"], TimeSpan.FromSeconds(10), cancellationToken) is { ExitCode: 0 } chrony)
        {
            var leap = chrony.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("Leap status", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            return leap is "Normal" or "Insert second" or "Delete second"
                ? DoctorResult.Pass(Name, $"synchronised (chronyc tracking: {leap})")
                : DoctorResult.Fail(Name, $"not synchronised (chronyc tracking: {leap ?? "no leap status"})", Hint);
        }

        var state = KernelClockState();
        return state switch
        {
            null => DoctorResult.Skip(Name, "cannot tell: no timedatectl (systemd is not running), no chronyc, and adjtimex failed", Hint),
            TimeError => DoctorResult.Fail(Name, "not synchronised: the kernel's clock is marked unsynchronised (adjtimex; no timedatectl or chronyc here to say more)", Hint),
            _ => DoctorResult.Pass(Name, "synchronised: the kernel's clock is disciplined by a time source (adjtimex; no timedatectl or chronyc here to name it)"),
        };
    }

    // struct timex is 208 bytes on 64-bit Linux; modes (the first field) = 0 only reads.
    private static int? KernelClockState()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var timex = new byte[256];
        try
        {
            var state = Adjtimex(timex);
            return state < 0 ? null : state;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int Adjtimex([In, Out] byte[] timex);
}
