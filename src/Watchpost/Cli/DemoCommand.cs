using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Assets;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Mqtt;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli;

/// <summary>`watchpost demo`: the whole appliance on the sample footage, with no configuration.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder for the event database and snapshots",
            DefaultValueFactory = _ => Path.Combine(Directory.GetCurrentDirectory(), "watchpost-data"),
        };
        var seconds = new Option<double?>("--seconds") { Description = "Stop after this many seconds (default: run until Ctrl+C)" };
        var command = new Command("demo", "Run the appliance on the sample footage with an embedded MQTT broker and the console on localhost") { data, seconds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var video = AssetMirror.Require("media/vtest.avi");
            var dataFolder = Path.GetFullPath(parse.GetRequiredValue(data));
            Directory.CreateDirectory(dataFolder);
            // From a site file, as `watchpost run` does, so that the console's editor has a file to save to.
            var (options, sitePath, written) = await DemoSite.PrepareAsync(video, dataFolder, PreferredOrFreePort, cancellationToken);

            var login = DemoLogin(dataFolder);
            await using var app = ApplianceHost.Build(options, new SiteFile(sitePath));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(seconds) is { } limit)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(limit));
            }

            await app.StartAsync(stop.Token);
            var broker = app.Services.GetRequiredService<EmbeddedMqttBroker>();
            var alertsTopic = MqttTopics.Alerts(options.Mqtt.TopicPrefix, options.Site.DeviceId);
            // The controller's account (the demo site lists no users, so the broker makes one): subscribe and send commands.
            var controllerUrl = broker.ControllerUrl ?? broker.ConnectionUrl;
            Console.WriteLine($"MQTT broker:  {controllerUrl}");
            Console.WriteLine($"Alerts topic: {alertsTopic}");
            Console.WriteLine($"Watch with:   mosquitto_sub -L '{controllerUrl}/{alertsTopic}' -v");
            Console.WriteLine($"Data folder:  {dataFolder}");
            Console.WriteLine(written
                ? $"Site file:    {sitePath} (written now; the console's zone editor saves to it, and the next demo starts from it)"
                : $"Site file:    {sitePath} (kept from an earlier demo, with its edits; delete it for the sample site)");
            Console.WriteLine($"Console:      {options.Console.Listen}/ ({login})");
            Console.WriteLine("Raising an alert each time a person walks into the walkway zone; Ctrl+C stops.");

            var feed = app.Services.GetRequiredService<IEventFeed>();
            using var printing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var alerts = PrintAlertsAsync(feed, options.Console.Listen, printing.Token);

            // Ends on Ctrl+C or SIGTERM (the host's console lifetime) or when --seconds is up.
            await app.WaitForShutdownAsync(stop.Token);
            await printing.CancelAsync();
            await alerts;
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The console has no default password: the demo makes a user `admin` with a generated one in its data folder
    /// the first time, and says where the users are when the folder already has some.
    /// </summary>
    internal static string DemoLogin(string dataFolder)
    {
        var users = new ConsoleUserStore(dataFolder);
        if (users.List().Count > 0)
        {
            return $"users of an earlier demo in {users.FilePath}: the password printed then; delete that file for a new one";
        }

        var password = ConsoleUserStore.GeneratePassword();
        users.Add("admin", ConsoleRole.Admin, password);
        return $"user admin, password {password}";
    }

    /// <summary>One line per new event, as it is stored (subscribed before this returns its task).</summary>
    private static async Task PrintAlertsAsync(IEventFeed feed, string console, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in feed.SubscribeAsync(cancellationToken))
            {
                if (change.Kind == EventChangeKind.Started)
                {
                    var e = change.Event;
                    Console.WriteLine($"{e.StartedAt:HH:mm:ss}Z alert {e.Type} {e.CameraId}/{e.ZoneId}: {e.ClassName} #{e.TrackId} -> {console}/events/{e.Id}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The demo is stopping.
        }
    }

    /// <summary>
    /// The usual port when it is free, else any free port: the demo must start on a busy laptop too (Debian's
    /// mosquitto package, for one, starts a broker on 1883).
    /// </summary>
    private static int PreferredOrFreePort(int preferred)
    {
        foreach (var port in new[] { preferred, 0 })
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"no free TCP port on 127.0.0.1 (tried {preferred} and any)");
    }
}
