namespace Watchpost.Tests.Support;

/// <summary>
/// A fact that mounts a small tmpfs (to fill a disk for real): reported as skipped, with the reason, where that
/// cannot be done (not Linux, not root, no mount command) — never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (mounts a tmpfs)";
        }
        else if (Environment.UserName != "root")
        {
            Skip = $"needs root to mount a tmpfs (running as {Environment.UserName})";
        }
        else if (!File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount"))
        {
            Skip = "needs the mount command (util-linux) to mount a tmpfs";
        }
    }
}
