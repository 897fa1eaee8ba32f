using System.Text.Json.Nodes;
using Watchpost.Gpio;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// `relay` <c>{"name", "state": "on"|"off"|"pulse", "seconds" (for a pulse), "operator"?}</c>: switches a relay
/// output (siren, strobe, door release) through the GPIO stage, which logs and audits it.
/// </summary>
public sealed class RelayCommand(IRelayController? relays = null) : ICommandHandler
{
    /// <summary>Longest pulse a command may ask for.</summary>
    public const double MaxPulseSeconds = 3600;

    public string Verb => "relay";

    public async Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.OnlyFields("name", "state", "seconds", "operator");
        var name = request.RequiredId("name");
        var action = request.RequiredString("state", 8) switch
        {
            "on" => RelayAction.On,
            "off" => RelayAction.Off,
            "pulse" => RelayAction.Pulse,
            var other => throw new CommandRefusedException($"state {CommandRequest.Quote(other)} is not \"on\", \"off\" or \"pulse\""),
        };
        var seconds = request.OptionalPositiveNumber("seconds", MaxPulseSeconds);
        if (action == RelayAction.Pulse && seconds is null)
        {
            throw new CommandRefusedException($"a pulse needs seconds (more than 0, at most {MaxPulseSeconds:0})");
        }

        var by = request.OptionalName("operator") ?? ArmingCommands.DefaultOperator;
        if (relays is null || relays.Relays.Count == 0)
        {
            throw new CommandRefusedException("GPIO is off on this box");
        }

        if (!relays.Relays.Contains(name, StringComparer.Ordinal))
        {
            throw new CommandRefusedException($"no relay is named {CommandRequest.Quote(name)} (relays: {string.Join(", ", relays.Relays.Order(StringComparer.Ordinal))})");
        }

        bool on;
        try
        {
            on = await relays.SetAsync(name, action, action == RelayAction.Pulse ? seconds : null, by, cancellationToken);
        }
        catch (KeyNotFoundException e)
        {
            throw new CommandRefusedException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new CommandRefusedException(e.Message);
        }

        var json = new JsonObject { ["name"] = name, ["state"] = on ? "on" : "off", ["requested"] = action.ToString().ToLowerInvariant() };
        if (action == RelayAction.Pulse)
        {
            json["seconds"] = seconds;
        }

        return CommandResult.Of(json);
    }
}
