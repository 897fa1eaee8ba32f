using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Events;

namespace Watchpost.Mqtt.Commands;

/// <summary>`arm` <c>{"target", "operator"?, "reason"?}</c>: removes the target's disarm and every disarm under it.</summary>
public sealed class ArmCommand(ArmingService arming, TimeProvider time, ILogger<ArmCommand> logger, IAuditLog? audit = null) : ICommandHandler
{
    public string Verb => "arm";

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.OnlyFields("target", "operator", "reason");
        var target = ArmingCommands.Target(request);
        var by = request.OptionalName("operator", ArmingService.MaxNameLength) ?? ArmingCommands.DefaultOperator;
        var reason = request.OptionalText("reason", ArmingService.MaxReasonLength) ?? "";
        return ArmingCommands.ReplyAsync(arming.Arm(target, by, reason), audit, time, logger, cancellationToken);
    }
}
