namespace Watchpost.Gpio;

/// <summary>How to tell that a machine is the board: <see cref="File"/> (e.g. /proc/device-tree/model) contains one of <see cref="Contains"/>.</summary>
public sealed record BoardIdentity
{
    public required string File { get; init; }

    public required IReadOnlyList<string> Contains { get; init; }

    /// <summary>True for a board file that also fits other machines (any x86 box): a mismatch is then only a warning.</summary>
    public bool WarnOnly { get; init; }
}
