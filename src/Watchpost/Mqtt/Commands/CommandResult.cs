using System.Text.Json.Nodes;

namespace Watchpost.Mqtt.Commands;

/// <summary>What a command did: the "result" object of an ok reply (snake_case keys).</summary>
public sealed record CommandResult(JsonObject Result)
{
    public static CommandResult Of(JsonObject result) => new(result);
}
