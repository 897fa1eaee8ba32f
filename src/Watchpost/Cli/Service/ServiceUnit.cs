using System.Text;

namespace Watchpost.Cli.Service;

/// <summary>
/// The systemd unit the installer writes: <c>systemd/watchpost.service</c> of the repository (built into the
/// executable, the one source), with ExecStart pointing at this install's dotnet, watchpost.dll and site file.
/// </summary>
public static class ServiceUnit
{
    internal const string ResourceName = "Watchpost.systemd.watchpost.service";

    /// <summary>The repository's unit as built into the executable.</summary>
    public static string Template()
    {
        using var stream = typeof(ServiceUnit).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the executable lacks its built-in {ResourceName}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The unit for an install: ExecStart and Documentation for <paramref name="dotnet"/>, <paramref name="prefix"/> and <paramref name="siteFile"/>.</summary>
    public static string Render(string dotnet, string prefix, string siteFile)
    {
        var lines = Template().Split('\n').ToList();

        // The template's first comment says how to install it by hand; the installed file says where it came from.
        var header = lines.TakeWhile(l => l.StartsWith('#')).Count();
        lines.RemoveRange(0, header);
        lines.InsertRange(0,
        [
            "# Written by `watchpost service install` from the executable's built-in systemd/watchpost.service.",
            "# Change it there (or with an override: systemctl edit watchpost); `watchpost service install` writes it again.",
        ]);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("ExecStart=", StringComparison.Ordinal))
            {
                lines[i] = $"ExecStart={Quote(dotnet)} {Quote(Path.Join(prefix, "watchpost.dll"))} run --config {Quote(siteFile)}";
            }
            else if (lines[i].StartsWith("Documentation=file://", StringComparison.Ordinal))
            {
                lines[i] = $"Documentation=file://{Path.Join(prefix, "README.md")}";
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>systemd's command-line quoting: a word with a space, quote or backslash goes in double quotes.</summary>
    private static string Quote(string word) =>
        word.Any(c => c is ' ' or '"' or '\\' or '\'' or '\t') ? $"\"{word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : word;
}
