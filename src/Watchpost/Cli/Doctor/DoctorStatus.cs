namespace Watchpost.Cli.Doctor;

/// <summary>How a doctor check came out. Only <see cref="Fail"/> makes <c>watchpost doctor</c> exit 1.</summary>
public enum DoctorStatus
{
    /// <summary>Works.</summary>
    Ok,

    /// <summary>Works, but not as well as it could (a GPU provider missing while the CPU runs, no hardware decode).</summary>
    Warn,

    /// <summary>Broken: the service will not do this part of its job until the hint is followed.</summary>
    Fail,

    /// <summary>Not checked here (a tool absent, the service not running, a board without the feature), with why.</summary>
    Skip,
}
