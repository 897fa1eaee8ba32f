using System.Text.Json.Nodes;
using Watchpost.Configuration;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli.Provisioning;

/// <summary>What provisioning would do: the site file to write, the users to set and every change, checked as a whole.</summary>
internal sealed class ProvisionPlan
{
    public required string ConfigPath { get; init; }

    /// <summary>Whether a site file is there already (else it is written new).</summary>
    public required bool ConfigExists { get; init; }

    /// <summary>The provisioning file's sections, secrets put in (the site file's other sections are kept).</summary>
    public required JsonObject Sections { get; init; }

    /// <summary>The site file as it will be, validated by the loader.</summary>
    public required JsonObject Target { get; init; }

    public required WatchpostOptions Site { get; init; }

    public required IReadOnlyList<ProvisionChange> SiteChanges { get; init; }

    /// <summary>Sections the site file has and the provisioning file does not name: kept as they are.</summary>
    public required IReadOnlyList<string> KeptSections { get; init; }

    public required ConsoleUsersPlan? Users { get; init; }

    public required ConsoleUserStore Store { get; init; }

    public required IReadOnlyList<ProvisionChange> UserChanges { get; init; }

    public required SecretReferences Secrets { get; init; }

    /// <summary>Where each section came from, for the loader's errors if the write itself is refused.</summary>
    public required Func<string, SourceMap> MapOf { get; init; }

    /// <summary>Nothing to write: the site is the same and the users are as listed (a user only kept is no change).</summary>
    public bool NothingToChange => ConfigExists && SiteChanges.Count == 0 && UserChanges.All(c => c.Kind == ProvisionChange.Keep);

    public IEnumerable<ProvisionChange> Changes => SiteChanges.Concat(UserChanges);
}
