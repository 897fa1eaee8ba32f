using System.CommandLine;
using System.Globalization;
using Watchpost.Configuration;

namespace Watchpost.Cli.Service;

/// <summary>
/// <c>watchpost service install|uninstall|status</c>: the systemd side of the appliance. Install and uninstall
/// build a plan of steps first (<see cref="ServicePlan"/>) and apply it second, so <c>--dry-run</c> prints exactly
/// what would run. Where systemd is not running (a container) they say so and change nothing (exit code 1).
/// </summary>
public static class ServiceCommand
{
    /// <param name="system">The system calls (default: <see cref="ProcessSystemCalls"/>; tests replace systemctl only).</param>
    public static Command Create(ISystemCalls? system = null)
    {
        var calls = system ?? new ProcessSystemCalls();
        var command = new Command("service", "Install, remove and look at the systemd service (run as root)");
        command.Add(Install(calls));
        command.Add(Uninstall(calls));
        command.Add(Status(calls));
        return command;
    }

    /// <summary>Hidden: put the files under this folder instead of / (like DESTDIR), for tests and image builds.</summary>
    private static Option<string?> RootOption() => new("--root") { Description = "Apply the file steps under this folder instead of /", Hidden = true };

    private static Option<bool> DryRunOption() => new("--dry-run") { Description = "Print the steps it would take, and change nothing" };

    private static Command Install(ISystemCalls system)
    {
        var config = CommonOptions.Config();
        var prefix = new Option<string>("--prefix")
        {
            Description = $"The folder holding watchpost.dll, which the unit runs (default {ServiceLayout.DefaultPrefix})",
            DefaultValueFactory = _ => ServiceLayout.DefaultPrefix,
        };
        var dryRun = DryRunOption();
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the service to report ready (READY=1) after it is started",
            DefaultValueFactory = _ => 120,
        };
        var root = RootOption();
        var command = new Command("install",
            "Create the watchpost user (groups video, gpio), the config and data folders with their owners and modes, install and start the " +
            "systemd unit, and wait until it reports ready")
        {
            config, prefix, dryRun, timeout, root,
        };
        command.SetAction(async (parse, ct) => await Run(parse, async (output, error) =>
        {
            var seconds = parse.GetValue(timeout);
            if (seconds is <= 0 or > 3600)
            {
                throw new CliInputException($"--timeout {seconds.ToString(CultureInfo.InvariantCulture)}: expected seconds from 1 to 3600");
            }

            var layout = Layout(parse, root) with { Prefix = CheckPrefix(parse.GetRequiredValue(prefix)) };
            var siteFile = Path.GetFullPath(parse.GetRequiredValue(config));
            var site = WatchpostOptionsLoader.Load(siteFile);   // a site the service would refuse is refused here (exit code 2)
            var plan = ServicePlan.Install(layout, siteFile, site.Storage.Path, DotnetHost());
            return await ApplyAsync(plan, parse.GetValue(dryRun), system, TimeSpan.FromSeconds(seconds), output, error, showStatus: true, ct);
        }));
        return command;
    }

    private static Command Uninstall(ISystemCalls system)
    {
        var config = CommonOptions.Config();
        var purge = new Option<bool>("--purge") { Description = "Also remove /etc/watchpost, /var/lib/watchpost (the event log, the passwords) and the watchpost user" };
        var dryRun = DryRunOption();
        var root = RootOption();
        var command = new Command("uninstall", "Stop, disable and remove the systemd unit; the config and data stay unless --purge") { config, purge, dryRun, root };
        command.SetAction(async (parse, ct) => await Run(parse, async (output, error) =>
        {
            var plan = ServicePlan.Uninstall(Layout(parse, root), parse.GetValue(purge));
            return await ApplyAsync(plan, parse.GetValue(dryRun), system, TimeSpan.FromSeconds(30), output, error, showStatus: false, ct);
        }));
        return command;
    }

    private static Command Status(ISystemCalls system)
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("status", "The unit's state, main PID, since when, and its last log lines (journalctl -u watchpost -n 10)") { config, json };
        command.SetAction(async (parse, ct) => await Run(parse, async (output, error) =>
        {
            var view = await StatusAsync(system, ct);
            if (parse.GetValue(json))
            {
                CliJson.Write(output, view);
            }
            else
            {
                await WriteStatusAsync(view, output);
            }

            if (view.Problem is { } problem)
            {
                await error.WriteLineAsync($"watchpost service: {problem}");
            }

            return view.ActiveState == "active" ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static async Task<int> ApplyAsync(
        ServicePlan plan, bool dryRun, ISystemCalls system, TimeSpan timeout, TextWriter output, TextWriter error, bool showStatus, CancellationToken ct)
    {
        if (dryRun)
        {
            await output.WriteLineAsync(plan.Steps.Count == 0 ? "Nothing to do." : $"Would take these {plan.Steps.Count} steps (--dry-run: nothing is changed):");
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                await output.WriteLineAsync($"  {i + 1}. {plan.Steps[i].Describe()}");
            }
        }

        foreach (var note in plan.Notes)
        {
            await error.WriteLineAsync($"note: {note}");
        }

        if (!system.SystemdRunning)
        {
            await error.WriteLineAsync(NoSystemd + (dryRun ? "" : " Nothing was changed."));
            return ExitCodes.CheckFailed;
        }

        if (dryRun)
        {
            return ExitCodes.Ok;
        }

        if (Environment.UserName != "root")
        {
            await error.WriteLineAsync($"watchpost service: accounts, /etc and systemd need root; run it with sudo (this runs as {Environment.UserName}). Nothing was changed.");
            return ExitCodes.CheckFailed;
        }

        if (plan.Steps.Count == 0)
        {
            await output.WriteLineAsync("Nothing to do.");
            return ExitCodes.Ok;
        }

        var context = new ServiceStepContext(system, new AccountDatabase(plan.Layout.Root), timeout);
        var code = ExitCodes.Ok;
        try
        {
            await using var progress = CliProgress.Start(error, "Applying the steps");
            await plan.ApplyAsync(context, output, ct);
        }
        catch (ServiceStepException e)
        {
            await error.WriteLineAsync($"watchpost service: {e.Message}");
            await error.WriteLineAsync("The steps before it stay applied; fix the cause and run the same command again.");
            code = ExitCodes.CheckFailed;
            showStatus = true;
        }

        if (showStatus)
        {
            await output.WriteLineAsync();
            await WriteStatusAsync(await StatusAsync(system, ct), output);
        }

        return code;
    }

    private const string NoSystemd =
        "watchpost service: systemd is not running on this machine (there is no /run/systemd/system: a container, or another init system), " +
        "so the service cannot be installed or started here. Install on the appliance itself, or run `watchpost run --config FILE` under your own supervisor.";

    private static async Task<ServiceStatusView> StatusAsync(ISystemCalls system, CancellationToken ct)
    {
        if (!system.SystemdRunning)
        {
            return new ServiceStatusView(false, ServiceLayout.UnitName, false, null, null, null, null, null, null, null, null, [],
                "systemd is not running on this machine (no /run/systemd/system: a container?); there is no service to look at");
        }

        ServiceState state;
        try
        {
            state = await ServiceState.QueryAsync(system, ct);
        }
        catch (ServiceStepException e)
        {
            return new ServiceStatusView(true, ServiceLayout.UnitName, false, null, null, null, null, null, null, null, null, [], e.Message);
        }

        var journal = await system.RunAsync("journalctl", ["-u", ServiceLayout.UnitName, "-n", "10", "--no-pager", "-o", "short-iso"], ct);
        var log = journal.Ok ? journal.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-- ", StringComparison.Ordinal)).ToList() : [];
        var problem = !state.Installed ? "the service is not installed; run `watchpost service install`"
            : !state.Active ? $"the service is {state.ActiveState} ({state.SubState}); its log says why"
            : null;
        return new ServiceStatusView(true, ServiceLayout.UnitName, state.Installed, state.LoadState, state.ActiveState, state.SubState, state.Result,
            state.MainPid, state.Since, state.UnitFileState, state.UnitFile, log, problem);
    }

    private static async Task WriteStatusAsync(ServiceStatusView view, TextWriter output)
    {
        if (!view.SystemdRunning)
        {
            await output.WriteLineAsync($"{view.Unit}: unknown (systemd is not running here)");
            return;
        }

        var since = view.Since is { } at ? $" since {at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z" : "";
        var pid = view.MainPid is { } p ? $", main PID {p.ToString(CultureInfo.InvariantCulture)}" : "";
        await output.WriteLineAsync($"{view.Unit}: {view.ActiveState} ({view.SubState}){since}{pid}");
        await output.WriteLineAsync($"unit file: {view.UnitFile ?? "none"} ({view.UnitFileState ?? view.LoadState})");
        if (view.Log.Count > 0)
        {
            await output.WriteLineAsync("last log lines (journalctl -u watchpost -n 10):");
            foreach (var line in view.Log)
            {
                await output.WriteLineAsync($"  {line}");
            }
        }
    }

    private static ServiceLayout Layout(ParseResult parse, Option<string?> root)
    {
        if (parse.GetValue(root) is not { Length: > 0 } folder)
        {
            return new ServiceLayout();
        }

        return Directory.Exists(folder) ? new ServiceLayout { Root = Path.GetFullPath(folder) } : throw new CliInputException($"--root {folder}: no such folder");
    }

    /// <summary>The prefix must hold watchpost.dll and be visible to the service (ProtectHome hides /home and /root).</summary>
    private static string CheckPrefix(string prefix)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(prefix));
        if (!File.Exists(Path.Join(full, "watchpost.dll")))
        {
            var here = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
            throw new CliInputException(
                $"--prefix {full}: there is no watchpost.dll in it; unpack the release there (docs/install.md), or pass --prefix {here} (where this watchpost runs from)");
        }

        foreach (var hidden in new[] { "/home", "/root", "/run/user" })
        {
            if (full == hidden || full.StartsWith(hidden + "/", StringComparison.Ordinal))
            {
                throw new CliInputException($"--prefix {full}: the unit hides {hidden} from the service (ProtectHome=true); install it under /opt/watchpost");
            }
        }

        return full;
    }

    /// <summary>The dotnet host that runs this executable (ExecStart runs the same), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } process && Path.GetFileName(process) == "dotnet")
        {
            return process;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Join(folder, "dotnet")).FirstOrDefault(File.Exists) ?? "/usr/bin/dotnet";
    }

    /// <summary>Bad input (exit code 2) named; a step that failed is already reported by the plan.</summary>
    private static async Task<int> Run(ParseResult parse, Func<TextWriter, TextWriter, Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action(parse.InvocationConfiguration.Output, error);
        }
        catch (Exception e) when (e is CliInputException or InvalidConfigurationException)
        {
            await error.WriteLineAsync($"watchpost service: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
