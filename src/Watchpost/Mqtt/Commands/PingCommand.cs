using System.Text.Json.Nodes;
using Watchpost.Configuration;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// `ping` <c>{}</c>: answers at once with the device id and the service's clock. Changes nothing; it is how
/// `watchpost mqtt test` (and a building controller) checks the whole path: broker, credentials, the service's
/// subscription and its reply.
/// </summary>
public sealed class PingCommand(WatchpostOptions options, TimeProvider time) : ICommandHandler
{
    public string Verb => "ping";

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.OnlyFields();
        return Task.FromResult(CommandResult.Of(new JsonObject
        {
            ["device_id"] = options.Site.DeviceId,
            ["time"] = time.GetUtcNow().UtcDateTime,
        }));
    }
}
