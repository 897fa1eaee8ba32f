namespace Watchpost.Mqtt.Commands;

/// <summary>
/// One MQTT command verb (<c>&lt;prefix&gt;/&lt;device&gt;/cmd/&lt;verb&gt;</c>). The <see cref="CommandRouter"/> keeps a
/// table of these keyed by <see cref="Verb"/>: adding a command is one class and one registration line in
/// <see cref="CommandsServiceCollectionExtensions"/>.
/// </summary>
public interface ICommandHandler
{
    /// <summary>The topic level after <c>cmd/</c>, lower case.</summary>
    string Verb { get; }

    /// <summary>
    /// Checks the whole payload first and changes nothing when any of it is wrong (throw
    /// <see cref="CommandRefusedException"/> with what was wrong); then carries the command out.
    /// </summary>
    /// <returns>The reply's "result" object.</returns>
    Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}
