namespace Watchpost.Cli.Doctor;

/// <summary>The files of firmware-config/ that a board's platform section names (udev rules), as built into the executable.</summary>
internal static class BoardFiles
{
    private const string ResourcePrefix = "Watchpost.board-files.";

    /// <summary>The shipped text of <paramref name="file"/> (relative to firmware-config/, e.g. udev/99-watchpost-gpio.rules), or null when it was not built in.</summary>
    public static string? Read(string file)
    {
        using var stream = typeof(BoardFiles).Assembly.GetManifestResourceStream(ResourcePrefix + file.Replace('/', '.'));
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
