namespace Watchpost.Cli;

/// <summary>The one exit-code policy of every verb, so that scripts can tell a failed check from a typo.</summary>
public static class ExitCodes
{
    /// <summary>Done; every check passed.</summary>
    public const int Ok = 0;

    /// <summary>The input was fine but something checked failed (a camera unreachable, a doctor check, a broker refusing).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: an argument, option, site file or provisioning file; the message names it and what was expected.</summary>
    public const int BadInput = 2;
}
