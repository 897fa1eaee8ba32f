using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Events;

namespace Watchpost.Mqtt.Commands;

/// <summary>What <see cref="ArmCommand"/> and <see cref="DisarmCommand"/> share: the target syntax, the reply and the audit line.</summary>
internal static class ArmingCommands
{
    /// <summary>Who an arm or disarm is by when the command names nobody.</summary>
    public const string DefaultOperator = "mqtt";

    private const string TargetSyntax = "\"all\", \"rule:<id>\", \"zone:<id>\", \"line:<id>\" or \"camera:<id>\"";

    /// <summary>Parses "all" | "rule:&lt;id&gt;" | "zone:&lt;id&gt;" | "line:&lt;id&gt;" | "camera:&lt;id&gt;"; the id must exist (checked by the service).</summary>
    public static ArmingTarget Target(CommandRequest request)
    {
        var text = request.RequiredString("target", 1 + 6 + CommandRequest.MaxIdLength);
        if (text == "all")
        {
            return ArmingTarget.Everything;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scope = colon > 0 ? text[..colon] switch
        {
            "rule" => ArmingScope.Rule,
            "zone" => ArmingScope.Zone,
            "line" => ArmingScope.Line,
            "camera" => ArmingScope.Camera,
            _ => (ArmingScope?)null,
        } : null;
        if (scope is not { } s)
        {
            throw new CommandRefusedException($"target {CommandRequest.Quote(text)} is not one of {TargetSyntax}");
        }

        var id = text[(colon + 1)..];
        if (id.Length == 0 || id.Length > CommandRequest.MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new CommandRefusedException($"target {CommandRequest.Quote(text)}: {CommandRequest.Quote(id)} is not an id (1-{CommandRequest.MaxIdLength} letters, digits, '-' or '_')");
        }

        return new ArmingTarget(s, id);
    }

    /// <summary>"all", "rule:night": the target as commands and the audit trail write it.</summary>
    public static string Name(ArmingTarget target) =>
        target.Scope == ArmingScope.Everything ? "all" : $"{ArmingTarget.ScopeName(target.Scope)}:{target.Id}";

    /// <summary>The reply for a change that went through; a refusal throws with the service's reason.</summary>
    public static async Task<CommandResult> ReplyAsync(ArmingResult result, IAuditLog? audit, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            throw new CommandRefusedException(result.Error ?? result.Message);
        }

        if (audit is not null && result.Changed)
        {
            try
            {
                await audit.RecordAsync(new AuditEntry(time.GetUtcNow().UtcDateTime, result.By, ChangeSource.Mqtt, result.Arm ? "arm" : "disarm",
                    Name(result.Target), result.Reason.Length > 0 ? result.Reason : null), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The change is in force; the trail missing a line must not make the reply say it failed.
                logger.LogError("Could not write the audit line for the {Action} of {Target} by {By}: {Reason}", result.Arm ? "arm" : "disarm", Name(result.Target), result.By, e.Message);
            }
        }

        var json = new JsonObject
        {
            ["target"] = Name(result.Target),
            ["armed"] = result.Arm,
            ["changed"] = result.Changed,
            ["operator"] = result.By,
            ["at"] = result.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["rules_armed"] = Array(result.RulesArmed),
            ["rules_disarmed"] = Array(result.RulesDisarmed),
            ["still_disarmed"] = Array(result.StillDisarmed),
            ["message"] = result.Message,
        };
        if (result.Entry?.Until is { } until)
        {
            json["until"] = until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (result.NotSaved is { } notSaved)
        {
            json["not_saved"] = notSaved;
        }

        return CommandResult.Of(json);
    }

    private static JsonArray Array(IEnumerable<string> items) => [.. items.Select(i => (JsonNode?)JsonValue.Create(i))];
}
