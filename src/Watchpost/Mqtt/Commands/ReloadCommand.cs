using System.Text.Json.Nodes;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// `reload` <c>{"operator"?}</c>: re-reads the site file. A bad file is refused (the error names the problem) and the
/// running configuration kept; a good one puts its camera, zone, line and rule changes in force and says what changed.
/// </summary>
public sealed class ReloadCommand(SiteReloader? reloader = null) : ICommandHandler
{
    public string Verb => "reload";

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.OnlyFields("operator");
        var by = request.OptionalName("operator") ?? ArmingCommands.DefaultOperator;
        if (reloader is null || !reloader.HasFile)
        {
            throw new CommandRefusedException("this service was not started from a site file: there is nothing to reload");
        }

        SiteReloadResult result;
        try
        {
            result = await reloader.ReloadAsync(by, cancellationToken);
        }
        catch (InvalidConfigurationException e)
        {
            throw new CommandRefusedException($"the site file was not reloaded (the running configuration is kept): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandRefusedException($"the site file could not be read (the running configuration is kept): {e.Message}");
        }

        var diff = result.Diff;
        var json = new JsonObject
        {
            ["changed"] = diff.Any,
            ["cameras"] = Section(diff.Cameras),
            ["zones"] = Section(diff.Zones),
            ["lines"] = Section(diff.Lines),
            ["rules"] = Section(diff.Rules),
            ["applied"] = new JsonObject([.. result.Cameras.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value)))]),
            ["restart_needed"] = new JsonArray([.. diff.RestartNeeded.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["message"] = SiteReloader.Summary(result),
        };
        return CommandResult.Of(json);
    }

    private static JsonObject Section(SectionChanges changes) => new()
    {
        ["added"] = Array(changes.Added),
        ["removed"] = Array(changes.Removed),
        ["changed"] = Array(changes.Changed),
    };

    private static JsonArray Array(IEnumerable<string> ids) => [.. ids.Select(i => (JsonNode?)JsonValue.Create(i))];
}
