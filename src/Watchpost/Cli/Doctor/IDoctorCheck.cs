namespace Watchpost.Cli.Doctor;

/// <summary>One check of <c>watchpost doctor</c>, over the service's own code; registered in <see cref="DoctorChecks"/>.</summary>
public interface IDoctorCheck
{
    /// <summary>The check's name in the table and the JSON (e.g. "model", "camera front").</summary>
    string Name { get; }

    /// <summary>Whether it may run at the same time as others of its kind (camera probes do; the rest run one by one).</summary>
    bool Parallel => false;

    /// <summary>Runs the check. Expected failures are results, not exceptions.</summary>
    Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken);
}
