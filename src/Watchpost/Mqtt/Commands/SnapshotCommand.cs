using System.Text.Json.Nodes;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// `snapshot` <c>{"camera"}</c>: replies with the console URL of the camera's current frame
/// (<c>&lt;console.publicUrl&gt;/api/cameras/&lt;id&gt;/snapshot.jpg</c>, encoded when it is fetched).
/// </summary>
public sealed class SnapshotCommand(WatchpostOptions options, IRunningSite? running = null) : ICommandHandler
{
    public string Verb => "snapshot";

    public Task<CommandResult> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.OnlyFields("camera");
        var id = request.RequiredId("camera");
        var site = running?.Site ?? options;
        var camera = site.Cameras.FirstOrDefault(c => c.Id == id)
            ?? throw new CommandRefusedException($"no camera has the id {CommandRequest.Quote(id)} (cameras: {(site.Cameras.Count > 0 ? string.Join(", ", site.Cameras.Select(c => c.Id)) : "none")})");
        if (!camera.Enabled)
        {
            throw new CommandRefusedException($"camera '{id}' is disabled in the site file");
        }

        var url = $"{(options.Console.PublicUrl ?? options.Console.Listen).TrimEnd('/')}/api/cameras/{Uri.EscapeDataString(id)}/snapshot.jpg";
        return Task.FromResult(CommandResult.Of(new JsonObject { ["camera"] = id, ["url"] = url }));
    }
}
