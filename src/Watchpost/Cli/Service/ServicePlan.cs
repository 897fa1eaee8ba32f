using Watchpost.Mqtt.Broker;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli.Service;

/// <summary>
/// The steps of <c>service install</c> and <c>service uninstall</c>, built from what the box has now (accounts,
/// folders, the unit file) and applied in order afterwards. Built twice on the same box they are the same; an
/// install run again only re-applies owners and modes and restarts the service.
/// </summary>
public sealed class ServicePlan
{
    private ServicePlan(ServiceLayout layout, IReadOnlyList<ServiceStep> steps, IReadOnlyList<string> notes)
    {
        Layout = layout;
        Steps = steps;
        Notes = notes;
    }

    public ServiceLayout Layout { get; }

    public IReadOnlyList<ServiceStep> Steps { get; }

    /// <summary>Things the installer should know that are not steps (e.g. a storage.path the unit overrides).</summary>
    public IReadOnlyList<string> Notes { get; }

    private static readonly FileAccess ConfigFolder = new("root", ServiceLayout.ServiceUser, FileAccess.Mode0750);
    private static readonly FileAccess SiteFileAccess = new("root", ServiceLayout.ServiceUser, FileAccess.Mode0640);
    private static readonly FileAccess DataFolder = new(ServiceLayout.ServiceUser, ServiceLayout.ServiceUser, FileAccess.Mode0750);
    private static readonly FileAccess Secret = new(ServiceLayout.ServiceUser, ServiceLayout.ServiceUser, FileAccess.Mode0600);
    private static readonly FileAccess UnitFileAccess = new("root", "root", FileAccess.Mode0644);

    /// <summary>The files in the data folder that hold passwords: only the service user reads them.</summary>
    public static readonly IReadOnlyList<string> SecretFiles = [MqttCredentialStore.FileName, ConsoleUserStore.FileName];

    /// <param name="layout">Where things go; its <see cref="ServiceLayout.SiteFile"/> is the path the unit names.</param>
    /// <param name="siteFile">The site file given with --config (already loaded and validated).</param>
    /// <param name="storagePath">The site file's storage.path, to warn when the unit's data folder is another.</param>
    /// <param name="dotnet">The dotnet host ExecStart runs.</param>
    /// <exception cref="CliInputException">The site file cannot be put where the service reads it.</exception>
    public static ServicePlan Install(ServiceLayout layout, string siteFile, string storagePath, string dotnet)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var accounts = new AccountDatabase(layout.Root);
        var steps = new List<ServiceStep>();
        var notes = new List<string>();
        string[] prefix = layout.Rooted ? ["--prefix", layout.Root] : [];
        var user = ServiceLayout.ServiceUser;

        foreach (var group in ServiceLayout.SupplementaryGroups.Where(g => !accounts.GroupExists(g)))
        {
            steps.Add(new CommandStep("groupadd", [.. prefix, "--system", group]));
        }

        if (!accounts.UserExists(user))
        {
            steps.Add(new CommandStep("useradd", [.. prefix, "--system", "--user-group", "--no-create-home", "--home-dir", ServiceLayout.DataFolder,
                "--shell", "/usr/sbin/nologin", "--comment", "Watchpost appliance", "--groups", string.Join(',', ServiceLayout.SupplementaryGroups), user]));
        }
        else if (ServiceLayout.SupplementaryGroups.Except(accounts.GroupsOf(user)).ToList() is { Count: > 0 } missing)
        {
            steps.Add(new CommandStep("usermod", [.. prefix, "--append", "--groups", string.Join(',', missing), user]));
        }

        var configFolder = layout.Under(ServiceLayout.ConfigFolder);
        steps.Add(new FolderStep(configFolder, ConfigFolder));

        // The service reads its site file from /etc/watchpost (ProtectHome hides /root and /home from it).
        var given = Path.GetFullPath(siteFile);
        var installed = given;
        if (layout.OnBox(given) is not { } onBox || Path.GetDirectoryName(onBox) != ServiceLayout.ConfigFolder)
        {
            installed = Path.Join(configFolder, "watchpost.json");
            if (!File.Exists(installed))
            {
                steps.Add(new CopyFileStep(given, installed));
            }
            else if (!File.ReadAllBytes(installed).AsSpan().SequenceEqual(File.ReadAllBytes(given)))
            {
                throw new CliInputException(
                    $"--config {given}: the service reads {Path.Join(ServiceLayout.ConfigFolder, "watchpost.json")}, which exists and differs; " +
                    $"pass --config {Path.Join(ServiceLayout.ConfigFolder, "watchpost.json")} to install with it, or replace it first");
            }
        }

        steps.Add(new FileAccessStep(installed, SiteFileAccess, "site file"));
        var dataFolder = layout.Under(ServiceLayout.DataFolder);
        steps.Add(new FolderStep(dataFolder, DataFolder));
        foreach (var secret in SecretFiles.Select(f => Path.Join(dataFolder, f)).Where(File.Exists))
        {
            steps.Add(new FileAccessStep(secret, Secret, "secret"));
        }

        if (Path.GetFullPath(storagePath) != ServiceLayout.DataFolder)
        {
            notes.Add($"storage.path of the site file is {storagePath}, but the unit keeps the service's data in {ServiceLayout.DataFolder} " +
                      $"(WATCHPOST__STORAGE__PATH): set storage.path to {ServiceLayout.DataFolder}, so that `watchpost user` and `watchpost events` see the service's files");
        }

        var unit = ServiceUnit.Render(dotnet, layout.Prefix, layout.OnBox(installed) ?? installed);
        steps.Add(new WriteFileStep(layout.UnitFile, unit, UnitFileAccess, "systemd unit"));
        steps.Add(new CommandStep("systemctl", "daemon-reload"));
        steps.Add(new CommandStep("systemctl", "enable", ServiceLayout.UnitName));
        steps.Add(new CommandStep("systemctl", "reset-failed", ServiceLayout.UnitName));

        // --no-block: a Type=notify start blocks until READY=1; the wait step below does that with our timeout.
        steps.Add(new CommandStep("systemctl", "restart", "--no-block", ServiceLayout.UnitName));
        steps.Add(new WaitActiveStep());
        return new ServicePlan(layout, steps, notes);
    }

    /// <summary>Stops, disables and removes the unit; with <paramref name="purge"/> also the config, the data and the account.</summary>
    public static ServicePlan Uninstall(ServiceLayout layout, bool purge)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var steps = new List<ServiceStep>();
        var notes = new List<string>();
        if (File.Exists(layout.UnitFile))
        {
            steps.Add(new CommandStep("systemctl", "stop", ServiceLayout.UnitName));
            steps.Add(new CommandStep("systemctl", "disable", ServiceLayout.UnitName));
            steps.Add(new RemoveStep(layout.UnitFile, "systemd unit"));
            steps.Add(new CommandStep("systemctl", "daemon-reload"));
        }
        else
        {
            notes.Add($"{layout.UnitFile} is not there: the service is not installed");
        }

        var config = layout.Under(ServiceLayout.ConfigFolder);
        var data = layout.Under(ServiceLayout.DataFolder);
        if (purge)
        {
            foreach (var (folder, what) in new[] { (config, "config folder"), (data, "data folder (event log, snapshots, passwords)") }.Where(f => Directory.Exists(f.Item1)))
            {
                steps.Add(new RemoveStep(folder, what));
            }

            if (new AccountDatabase(layout.Root).UserExists(ServiceLayout.ServiceUser))
            {
                steps.Add(new CommandStep("userdel", [.. layout.Rooted ? new[] { "--prefix", layout.Root } : [], ServiceLayout.ServiceUser]));
            }
        }
        else
        {
            notes.Add($"kept {config} and {data} (the site file, the event log and the passwords); `--purge` removes them and the {ServiceLayout.ServiceUser} user");
        }

        return new ServicePlan(layout, steps, notes);
    }

    /// <summary>Applies the steps in order; the first that fails stops the plan (those before it stay applied) and throws.</summary>
    internal async Task ApplyAsync(ServiceStepContext context, TextWriter output, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            var line = $"[{i + 1}/{Steps.Count}] {Steps[i].Describe()}";
            try
            {
                await Steps[i].ApplyAsync(context, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ServiceStepException($"{line}: {e.Message}", e);
            }
            catch (ServiceStepException e)
            {
                throw new ServiceStepException($"{line}: {e.Message}", e);
            }

            await output.WriteLineAsync($"{line}: done");
        }
    }
}
