using Watchpost.Events;

namespace Watchpost.Mqtt.Commands;

/// <summary>`ack` <c>{"event_id", "operator", "note"?}</c>: an operator has seen the event (stored, audited, announced on `events`).</summary>
public sealed class AckCommand(IEventOperations? operations = null) : ICommandHandler
{
    public string Verb => "ack";

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EventCommands.ApplyAsync(request, EventChangeKind.Acknowledged, operations, cancellationToken);
    }
}
