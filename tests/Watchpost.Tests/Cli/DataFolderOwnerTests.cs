using Watchpost.Hosting;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// An installer runs the verbs with sudo while the service runs as its own user: a secrets file root writes into the
/// service's data folder must stay the service's (mode 0600, its owner), or the service can no longer read it.
/// </summary>
public sealed class DataFolderOwnerTests
{
    private const uint Nobody = 65534;

    [RootFact]
    public async Task User_verbs_run_as_root_leave_the_console_users_file_to_the_data_folders_owner()
    {
        using var folder = new TempFolder();
        var data = Directory.CreateDirectory(folder.File("data")).FullName;
        var site = folder.File("site.json");
        await File.WriteAllTextAsync(site, $$"""{ "site": { "deviceId": "owner-test" }, "storage": { "path": "{{data}}" } }""");
        using (var chown = System.Diagnostics.Process.Start("chown", [$"{Nobody}:{Nobody}", data]))
        {
            await chown!.WaitForExitAsync();
        }

        var added = await WatchpostProcess.RunAsync("user", "add", "guard", "--role", "operator", "--config", site);
        Assert.True(added.ExitCode == 0, added.ToString());
        var users = Path.Join(data, "console-users.json");
        Assert.Equal((Nobody, Nobody), FileOwnership.Of(users));   // new: the folder's owner
        Assert.Equal("600", Convert.ToString((int)new FileInfo(users).UnixFileMode, 8));

        var changed = await WatchpostProcess.RunAsync("user", "passwd", "guard", "--config", site);
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal((Nobody, Nobody), FileOwnership.Of(users));   // replaced: keeps its owner
    }
}
