using System.Globalization;

namespace Watchpost.Cli.Service;

/// <summary>An owner, a group and a mode, given to a file or folder by name (resolved when the step applies: the plan may create the account first).</summary>
public sealed record FileAccess(string User, string Group, UnixFileMode Mode)
{
    public override string ToString() => $"{User}:{Group} {Octal(Mode)}";

    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    /// <summary>Gives <paramref name="path"/> this owner (chown, with the ids of the root's own account files) and mode.</summary>
    internal async Task ApplyAsync(string path, ServiceStepContext context, CancellationToken cancellationToken)
    {
        var uid = context.Accounts.UserId(User) ?? throw new ServiceStepException($"{path}: there is no user '{User}' to own it");
        var gid = context.Accounts.GroupId(Group) ?? throw new ServiceStepException($"{path}: there is no group '{Group}' to own it");
        var result = await context.System.RunAsync("chown", [string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}"), path], cancellationToken);
        if (!result.Ok)
        {
            throw new ServiceStepException($"chown {this} {path} failed: {result.Reason}");
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the service is installed on Linux only");
        }

        File.SetUnixFileMode(path, Mode);
    }

    internal const UnixFileMode Mode0750 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                           | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    internal const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    internal const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    internal const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}
