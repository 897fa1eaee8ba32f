namespace Watchpost.Tests.Support;

/// <summary>
/// A fact about a machine without systemd (a container): the real executable must refuse to install and change
/// nothing. Skipped where systemd runs, since there the same command would really install the service.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NoSystemdFactAttribute : FactAttribute
{
    public NoSystemdFactAttribute()
    {
        if (Directory.Exists("/run/systemd/system"))
        {
            Skip = "systemd runs on this machine (/run/systemd/system exists): the refusal without systemd cannot be seen here, and the command would install the service";
        }
    }
}
