using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Events;

namespace Watchpost.Mqtt.Commands;

/// <summary>`disarm` <c>{"target", "operator"?, "reason"?, "until"?}</c>: the target raises no event until armed again (or until "until").</summary>
public sealed class DisarmCommand(ArmingService arming, TimeProvider time, ILogger<DisarmCommand> logger, IAuditLog? audit = null) : ICommandHandler
{
    public string Verb => "disarm";

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.OnlyFields("target", "operator", "reason", "until");
        var target = ArmingCommands.Target(request);
        var by = request.OptionalName("operator", ArmingService.MaxNameLength) ?? ArmingCommands.DefaultOperator;
        var reason = request.OptionalText("reason", ArmingService.MaxReasonLength) ?? "";
        var until = request.OptionalTime("until");
        return ArmingCommands.ReplyAsync(arming.Disarm(target, by, reason, until), audit, time, logger, cancellationToken);
    }
}
