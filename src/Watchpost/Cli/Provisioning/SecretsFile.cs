using System.Globalization;
using System.Runtime.InteropServices;
using Watchpost.Hosting;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// <c>--secrets FILE</c>: KEY=VALUE lines (blank lines and # comments ignored, a value may be quoted), for the
/// <c>${KEY}</c> references of a provisioning file. The file must be the user's own and readable by nobody else
/// (mode 0600 or stricter), as ssh asks of a private key; otherwise it is refused before a line is read.
/// </summary>
internal static partial class SecretsFile
{
    private const UnixFileMode OthersAny = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <exception cref="CliInputException">Missing, shared with other users, owned by someone else, or a line is not KEY=VALUE.</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CliInputException($"--secrets {path}: the file does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(full);
            if ((mode & OthersAny) != 0)
            {
                throw new CliInputException(
                    $"--secrets {path}: the file has mode {Octal(mode)}, so other users can read it; expected 0600 or stricter (chmod 600 {path})");
            }

            if (FileOwnership.Of(full) is { } owner && owner.Uid != EffectiveUser())
            {
                throw new CliInputException(
                    $"--secrets {path}: the file (mode {Octal(mode)}) belongs to user id {owner.Uid}, not to the user running watchpost ({EffectiveUser()}); expected your own file (chown)");
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(full))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..].TrimStart() : line;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? line[..equals].Trim() : "";
            if (!SecretReferences.IsName(key))
            {
                // Not the line itself: it may hold a secret.
                throw new CliInputException($"--secrets {path}:{number}: expected KEY=VALUE with KEY letters, digits and '_'");
            }

            values[key] = Unquoted(line[(equals + 1)..].Trim());
        }

        return values;
    }

    /// <summary>"0644": a mode as chmod spells it.</summary>
    internal static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);

    private static string Unquoted(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;

    private static uint EffectiveUser() => OperatingSystem.IsLinux() ? GetEffectiveUser() : 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUser();
}
