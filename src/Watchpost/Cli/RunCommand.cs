using System.CommandLine;
using Serilog;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Cli;

/// <summary>`watchpost run`: the service that systemd starts.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The site file",
            DefaultValueFactory = _ => WatchpostOptionsLoader.DefaultPath,
        };
        var command = new Command("run", "Run the appliance service: cameras, detection, tracking, rules, events, MQTT and the console") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(config);
            var options = WatchpostOptionsLoader.Load(path);
            await using var app = ApplianceHost.Build(options, new SiteFile(Path.GetFullPath(path)));
            Log.Information("Starting Watchpost {Device} with {Cameras} camera(s)", options.Site.DeviceId, options.Cameras.Count);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
