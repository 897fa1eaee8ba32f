using System.Text.Json.Serialization;

namespace Watchpost.Cli.Doctor;

/// <summary>One line of <c>watchpost doctor</c>: the check, how it came out, what it found and, unless it passed, the command that fixes it.</summary>
public sealed record DoctorResult(string Name, DoctorStatus Status, string Detail, string? Hint = null)
{
    /// <summary>False only for <see cref="DoctorStatus.Fail"/>: a warning or a skip does not fail the doctor.</summary>
    public bool Ok => Status != DoctorStatus.Fail;

    /// <summary>Written as null in JSON too, so that every check has the same four keys.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Hint { get; init; } = Hint;

    public static DoctorResult Pass(string name, string detail) => new(name, DoctorStatus.Ok, detail);

    public static DoctorResult Warn(string name, string detail, string? hint) => new(name, DoctorStatus.Warn, detail, hint);

    public static DoctorResult Fail(string name, string detail, string hint) => new(name, DoctorStatus.Fail, detail, hint);

    public static DoctorResult Skip(string name, string detail, string? hint = null) => new(name, DoctorStatus.Skip, detail, hint);
}
