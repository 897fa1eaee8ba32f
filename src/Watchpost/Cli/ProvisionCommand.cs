using System.CommandLine;
using Watchpost.Cli.Provisioning;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost provision SITE-FILE [--dry-run]</c>: a whole site (the site file's sections, same names and keys,
/// plus the console's <c>users:</c>) from one YAML or JSON file, applied idempotently to the site file and the
/// console user store. Secrets are written <c>${ENV_NAME}</c> and come from the environment or <c>--secrets FILE</c>
/// (mode 0600); they are never printed. A file with any problem is refused as a whole (file:line: field: problem),
/// exit 2, nothing written. Cameras are not probed here: `watchpost doctor` and `watchpost camera probe` do that.
/// </summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var siteFile = new Argument<string>("SITE-FILE") { Description = "The provisioning file: YAML (.yaml, .yml) or JSON (.json, comments allowed); see docs/examples/site.yaml" };
        var config = CommonOptions.Config();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes it would make and write nothing" };
        var secrets = new Option<string?>("--secrets") { Description = "A file of KEY=VALUE lines for the ${KEY} references (mode 0600 or stricter, your own); the environment is read for the others" };
        var prune = new Option<bool>("--prune-users") { Description = "Remove console users the file does not list (by default they are kept and reported)" };
        var json = CommonOptions.Json();
        var command = new Command(
            "provision",
            "Apply a whole site (cameras, zones, lines, masks, rules, MQTT, GPIO, console users) from one YAML or JSON file; a second run changes nothing. " +
            "Secrets: ${ENV_NAME} from the environment or --secrets FILE, never printed. A bad file is refused whole with file, line and field. " +
            "Cameras are not probed: run `watchpost doctor` afterwards (docs/provisioning.md)")
        {
            siteFile, config, dryRun, secrets, prune, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var file = parse.GetRequiredValue(siteFile);
            var plan = Provisioner.Plan(file, parse.GetRequiredValue(config), parse.GetValue(secrets), parse.GetValue(prune));
            var changes = plan.Changes.Select(c => c with { From = Masked(plan, c.From), To = Masked(plan, c.To) }).ToList();
            var apply = !plan.NothingToChange && !parse.GetValue(dryRun);
            if (apply)
            {
                await Provisioner.ApplyAsync(plan, cancellationToken);
            }

            if (parse.GetValue(json))
            {
                CliJson.Write(output, new ProvisionReport(file, plan.ConfigPath, plan.Store.FilePath, parse.GetValue(dryRun), apply, changes));
                return ExitCodes.Ok;
            }

            if (plan.NothingToChange)
            {
                output.WriteLine($"{file}: nothing to change in {plan.ConfigPath} and the console users ({plan.Store.FilePath})");
                changes.Where(c => c.Kind == ProvisionChange.Keep).ToList().ForEach(c => output.WriteLine(c.ToString()));
                Kept(output, file, plan);
                return ExitCodes.Ok;
            }

            output.WriteLine(apply ? $"{file}: applied to {plan.ConfigPath}:" : $"{file}: --dry-run, nothing written; it would change {plan.ConfigPath}:");
            changes.ForEach(c => output.WriteLine(plan.Secrets.Mask(c.ToString())));
            Kept(output, file, plan);
            if (apply)
            {
                output.WriteLine(plan.SiteChanges.Count > 0 || !plan.ConfigExists
                    ? "The site file is checked as `watchpost run` loads it. A running service applies cameras, zones, lines, masks and rules at a reload; the other sections at `systemctl restart watchpost`. Cameras were not probed: run `watchpost doctor`."
                    : "Only the console users changed; they take effect at the next login.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Kept(TextWriter output, string file, ProvisionPlan plan)
    {
        if (plan.KeptSections.Count > 0)
        {
            output.WriteLine($"Kept as the site file has them (not in {file}): {string.Join(", ", plan.KeptSections)}");
        }
    }

    private static string? Masked(ProvisionPlan plan, string? value) => value is null ? null : plan.Secrets.Mask(value);
}
