using System.CommandLine;
using System.Text.Json;
using Watchpost.Cli;
using Watchpost.Cli.Service;
using Watchpost.Hosting;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>
/// `watchpost service install|uninstall|status`. The file steps (accounts with useradd/groupadd --prefix, folders,
/// owners, modes, the unit) run for real under a temporary root; ONLY systemctl is simulated (<see cref="FakeSystemctl"/>),
/// since systemd cannot run in this container. The refusal without systemd is checked on the real executable.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServiceCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _root;
    private readonly string _site;

    public ServiceCommandTests()
    {
        // The install prefix: a folder holding the build's watchpost.dll (linked), under /tmp rather than wherever the
        // checkout is, since install refuses a prefix under /home or /root (the unit's ProtectHome hides them).
        Prefix = Directory.CreateDirectory(_folder.File("opt/watchpost")).FullName;
        File.CreateSymbolicLink(Path.Join(Prefix, "watchpost.dll"), typeof(WatchpostCli).Assembly.Location);

        // A root with the box's account files, which useradd --prefix changes instead of the box's own.
        _root = Directory.CreateDirectory(_folder.File("root")).FullName;
        Directory.CreateDirectory(Path.Join(_root, "etc"));
        foreach (var file in new[] { "passwd", "group", "shadow", "gshadow", "login.defs" }.Where(f => File.Exists(Path.Join("/etc", f))))
        {
            File.Copy(Path.Join("/etc", file), Path.Join(_root, "etc", file));
        }

        _site = _folder.File("site.json");
        File.WriteAllText(_site, """{ "site": { "deviceId": "gate-box" } }""");
    }

    private string Prefix { get; }

    public void Dispose() => _folder.Dispose();

    [RootFact]
    public async Task Install_creates_the_account_the_folders_with_owners_and_modes_and_the_unit_then_waits_until_active()
    {
        var hostPasswd = await File.ReadAllTextAsync("/etc/passwd");
        var data = Directory.CreateDirectory(Path.Join(_root, "var/lib/watchpost")).FullName;
        var secret = Path.Join(data, "mqtt-credentials.json");
        await File.WriteAllTextAsync(secret, "{}");
        File.SetUnixFileMode(secret, (UnixFileMode)0b110_100_100);   // 0644: too open, install narrows it
        var systemctl = new FakeSystemctl();

        var (code, output, error) = await Cli(systemctl, "service", "install", "--config", _site, "--root", _root, "--prefix", Prefix, "--timeout", "10");

        Assert.True(code == 0, $"{output}\n{error}");
        var passwd = await File.ReadAllLinesAsync(Path.Join(_root, "etc/passwd"));
        var user = passwd.Single(l => l.StartsWith("watchpost:", StringComparison.Ordinal)).Split(':');
        Assert.Equal("/var/lib/watchpost", user[5]);
        Assert.Equal("/usr/sbin/nologin", user[6]);
        var groups = (await File.ReadAllLinesAsync(Path.Join(_root, "etc/group"))).Select(l => l.Split(':')).ToDictionary(f => f[0]);
        Assert.Contains("watchpost", groups["video"][3].Split(','));
        Assert.Contains("watchpost", groups["gpio"][3].Split(','));
        var uid = uint.Parse(user[2], System.Globalization.CultureInfo.InvariantCulture);
        var gid = uint.Parse(groups["watchpost"][2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(hostPasswd, await File.ReadAllTextAsync("/etc/passwd"));   // the box's own accounts are untouched

        // The service owns its config folder (the console's editor saves there) and alone reads the site file's secrets.
        AssertAccess(Path.Join(_root, "etc/watchpost"), uid, gid, "750");
        AssertAccess(Path.Join(_root, "etc/watchpost/watchpost.json"), uid, gid, "600");
        Assert.Equal(await File.ReadAllTextAsync(_site), await File.ReadAllTextAsync(Path.Join(_root, "etc/watchpost/watchpost.json")));
        AssertAccess(data, uid, gid, "750");
        AssertAccess(secret, uid, gid, "600");
        var unit = Path.Join(_root, "etc/systemd/system/watchpost.service");
        AssertAccess(unit, 0, 0, "644");

        // The unit is the repository's, with ExecStart for this prefix and the installed site file.
        var written = (await File.ReadAllLinesAsync(unit)).Where(l => !l.StartsWith('#')).ToList();
        var repository = (await File.ReadAllLinesAsync(Path.Join(RepositoryFiles.Root, "systemd/watchpost.service"))).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(repository.Count, written.Count);
        var changed = written.Zip(repository).Where(p => p.First != p.Second).Select(p => p.First).ToList();
        Assert.Equal(2, changed.Count);
        var exec = changed[1].Split(' ', 2);
        Assert.Equal("dotnet", Path.GetFileName(exec[0]["ExecStart=".Length..]));
        Assert.True(File.Exists(exec[0]["ExecStart=".Length..]), exec[0]);
        Assert.Equal($"{Prefix}/watchpost.dll run --config /etc/watchpost/watchpost.json", exec[1]);
        Assert.Equal($"Documentation=file://{Prefix}/README.md", changed[0]);

        Assert.Equal(["daemon-reload", "enable watchpost.service", "reset-failed watchpost.service", "restart --no-block watchpost.service"], systemctl.Calls);
        Assert.Contains("[13/13] wait until watchpost.service is active", output, StringComparison.Ordinal);
        Assert.Contains($"watchpost.service: active (running) since 2026-12-02 01:02:03Z, main PID {FakeSystemctl.MainPid}", output, StringComparison.Ordinal);

        // Again: the account and the copy are there, so only owners, modes, the unit and the restart remain.
        var again = new FakeSystemctl();
        var (code2, output2, _) = await Cli(again, "service", "install", "--config", Path.Join(_root, "etc/watchpost/watchpost.json"), "--root", _root, "--prefix", Prefix, "--dry-run");
        Assert.Equal(0, code2);
        Assert.DoesNotContain("useradd", output2, StringComparison.Ordinal);
        Assert.DoesNotContain("groupadd", output2, StringComparison.Ordinal);
        Assert.DoesNotContain("copy ", output2, StringComparison.Ordinal);
        Assert.Contains($"write (unchanged) systemd unit {unit} root:root 0644", output2, StringComparison.Ordinal);
        Assert.Empty(again.Calls);   // a dry run calls no systemctl

        // Uninstall keeps config and data; --purge removes them and the account.
        var (code3, _, _) = await Cli(systemctl, "service", "uninstall", "--root", _root);
        Assert.Equal(0, code3);
        Assert.False(File.Exists(unit));
        Assert.True(File.Exists(secret));
        Assert.Equal(["stop watchpost.service", "disable watchpost.service", "daemon-reload"], systemctl.Calls.Skip(4));
        var (code4, output4, _) = await Cli(systemctl, "service", "uninstall", "--purge", "--root", _root);
        Assert.True(code4 == 0, output4);
        Assert.False(Directory.Exists(Path.Join(_root, "etc/watchpost")));
        Assert.False(Directory.Exists(data));
        Assert.DoesNotContain(await File.ReadAllLinesAsync(Path.Join(_root, "etc/passwd")), l => l.StartsWith("watchpost:", StringComparison.Ordinal));
    }

    [RootFact]
    public async Task A_service_that_fails_or_never_sends_READY_fails_the_install_with_exit_code_1()
    {
        var (failed, output, error) = await Cli(new FakeSystemctl(FakeSystemctl.Start.Fails), "service", "install", "--config", _site, "--root", _root, "--prefix", Prefix);
        Assert.Equal(1, failed);
        Assert.Contains("watchpost.service failed to start (failed, result exit-code)", error, StringComparison.Ordinal);
        Assert.Contains("watchpost.service: failed (failed)", output, StringComparison.Ordinal);

        var (late, _, lateError) = await Cli(new FakeSystemctl(FakeSystemctl.Start.NeverReady), "service", "install", "--config", _site, "--root", _root, "--prefix", Prefix, "--timeout", "1");
        Assert.Equal(1, late);
        Assert.Contains("is still activating (start) after 1 s: it has not sent READY=1", lateError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_on_a_bare_box_makes_the_groups_and_the_user_before_the_folders_they_own()
    {
        var plan = ServicePlan.Install(new ServiceLayout { Root = _root, Prefix = Prefix }, _site, "/var/lib/watchpost", "/usr/bin/dotnet");
        var steps = plan.Steps.Select(s => s.Describe()).ToList();
        var useradd = steps.FindIndex(s => s.StartsWith("useradd ", StringComparison.Ordinal));
        Assert.True(useradd >= 0, string.Join('\n', steps));
        Assert.True(useradd < steps.FindIndex(s => s.StartsWith("create folder", StringComparison.Ordinal)));
        Assert.Equal(steps.Count - 1, steps.FindIndex(s => s.StartsWith("wait until", StringComparison.Ordinal)));
        Assert.Empty(plan.Notes);

        var elsewhere = ServicePlan.Install(new ServiceLayout { Root = _root, Prefix = Prefix }, _site, "/srv/data", "/usr/bin/dotnet");
        Assert.Contains("storage.path of the site file is /srv/data", Assert.Single(elsewhere.Notes), StringComparison.Ordinal);
    }

    [NoSystemdFact]
    public async Task Without_systemd_the_real_executable_says_so_and_changes_nothing()
    {
        // No --root: this is the box's own /etc and /var/lib, which must stay as they are.
        string[] watched = ["/etc/passwd", "/etc/group"];
        var before = watched.Select(File.ReadAllText).ToList();
        var install = await WatchpostProcess.RunAsync("service", "install", "--config", _site, "--prefix", Prefix);
        Assert.True(install.ExitCode == 1, install.ToString());
        Assert.Contains("systemd is not running on this machine", install.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", install.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, watched.Select(File.ReadAllText));
        Assert.False(File.Exists("/etc/systemd/system/watchpost.service"));
        Assert.False(Directory.Exists("/etc/watchpost") && File.Exists("/etc/watchpost/watchpost.json") && File.ReadAllText("/etc/watchpost/watchpost.json").Contains("gate-box", StringComparison.Ordinal));

        // --dry-run prints the plan (here under a root), and still says it cannot be applied here.
        var dry = await WatchpostProcess.RunAsync("service", "install", "--config", _site, "--prefix", Prefix, "--root", _root, "--dry-run");
        Assert.True(dry.ExitCode == 1, dry.ToString());
        Assert.Contains($"create folder {_root}/etc/watchpost watchpost:watchpost 0750", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains("systemctl restart --no-block watchpost.service", dry.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Join(_root, "etc/watchpost")));

        var status = await WatchpostProcess.RunAsync("service", "status", "--json");
        Assert.True(status.ExitCode == 1, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.False(json.RootElement.GetProperty("systemd_running").GetBoolean());
        Assert.Contains("systemd is not running", status.Stderr, StringComparison.Ordinal);

        var uninstall = await WatchpostProcess.RunAsync("service", "uninstall", "--purge");
        Assert.True(uninstall.ExitCode == 1, uninstall.ToString());
        Assert.Contains("systemd is not running on this machine", uninstall.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_exits_2_naming_the_option_before_anything_is_done()
    {
        var noDll = await WatchpostProcess.RunAsync("service", "install", "--config", _site, "--prefix", _folder.Path, "--root", _root);
        Assert.True(noDll.ExitCode == 2, noDll.ToString());
        Assert.Contains($"--prefix {_folder.Path}: there is no watchpost.dll in it", noDll.Stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(_folder.File("bad.json"), """{ "site": { "deviceId": "x" }, "camras": [] }""");
        var badSite = await WatchpostProcess.RunAsync("service", "install", "--config", _folder.File("bad.json"), "--prefix", Prefix, "--root", _root);
        Assert.True(badSite.ExitCode == 2, badSite.ToString());
        Assert.Contains("camras", badSite.Stderr, StringComparison.Ordinal);

        var timeout = await WatchpostProcess.RunAsync("service", "install", "--config", _site, "--prefix", Prefix, "--timeout", "0", "--root", _root);
        Assert.True(timeout.ExitCode == 2, timeout.ToString());
        Assert.Contains("--timeout 0", timeout.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Join(_root, "etc/watchpost")));
    }

    private static void AssertAccess(string path, uint uid, uint gid, string mode)
    {
        Assert.Equal((uid, gid), FileOwnership.Of(path));
        Assert.Equal(mode, Convert.ToString((int)File.GetUnixFileMode(path), 8));
    }

    private static async Task<(int Code, string Out, string Err)> Cli(ISystemCalls system, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = new RootCommand { ServiceCommand.Create(system) };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
