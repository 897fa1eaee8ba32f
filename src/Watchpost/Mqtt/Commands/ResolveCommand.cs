using Watchpost.Events;

namespace Watchpost.Mqtt.Commands;

/// <summary>`resolve` <c>{"event_id", "operator", "note"?}</c>: the event is dealt with (stored, audited, announced on `events`).</summary>
public sealed class ResolveCommand(IEventOperations? operations = null) : ICommandHandler
{
    public string Verb => "resolve";

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EventCommands.ApplyAsync(request, EventChangeKind.Resolved, operations, cancellationToken);
    }
}
