using Watchpost.Cli;

namespace Watchpost.Tests.Cli;

/// <summary>
/// A fact about a verb another part of the work is still building: reported as skipped, naming the verb, while the
/// root command does not have it, and run as soon as it does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VerbFactAttribute : FactAttribute
{
    public VerbFactAttribute(string verb)
    {
        if (WatchpostCli.Create().Subcommands.All(c => c.Name != verb))
        {
            Skip = $"`watchpost {verb}` is not on this branch yet";
        }
    }
}
