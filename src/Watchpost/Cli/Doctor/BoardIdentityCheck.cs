using Watchpost.Gpio;

namespace Watchpost.Cli.Doctor;

/// <summary>This machine is the board the site file (or --board) names, as its firmware-config file tells (e.g. /proc/device-tree/model says "Orin Nano").</summary>
internal sealed class BoardIdentityCheck : IDoctorCheck
{
    public string Name => "board";

    public Task<DoctorResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var board = context.Board;
        if (board.Platform?.Identity is not { } identity)
        {
            return Task.FromResult(DoctorResult.Skip(Name, $"board '{board.Board}': its firmware-config file names no platform to check ({board.Description})"));
        }

        var text = Read(identity.File);
        var found = text is not null && identity.Contains.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase));
        var seen = text is null ? $"{identity.File} does not exist" : $"{identity.File} says '{text}'";
        if (found)
        {
            return Task.FromResult(DoctorResult.Pass(Name, $"board '{board.Board}' ({board.Platform.Os}): {seen}"));
        }

        var detail = $"this machine does not look like board '{board.Board}' (expected {identity.File} to contain {string.Join(" or ", identity.Contains.Select(c => $"'{c}'"))}; {seen})";
        var hint = $"set gpio.board in {context.SiteFile} to this machine's board (one of {string.Join(", ", BoardMaps.Names)}), or check another board with --board NAME";
        return Task.FromResult(identity.WarnOnly ? DoctorResult.Warn(Name, detail, hint) : DoctorResult.Fail(Name, detail, hint));
    }

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Replace("\0", "", StringComparison.Ordinal).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
