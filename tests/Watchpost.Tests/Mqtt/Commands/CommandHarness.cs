using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Mqtt;
using Watchpost.Mqtt.Commands;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Mqtt.Commands;

/// <summary>
/// The command router as the host composes it (AddWatchpostRules + AddWatchpostCommands), with a real arming
/// service and site file in a temporary folder and recording doubles for the event log, relays, audit and cameras.
/// Site: cameras gate and back; zones lawn (gate) and yard (back); rules lawn-intrusion and yard-intrusion.
/// </summary>
internal sealed class CommandHarness : IAsyncDisposable
{
    public const string KnownEvent = "0192a0b0c0d0e0f00112233445566778";

    private readonly ServiceProvider _services;

    public CommandHarness(IMqttConnection connection, ILoggerProvider? log = null)
    {
        File.WriteAllText(SiteFilePath, SiteJson());
        Site = WatchpostOptionsLoader.Load(SiteFilePath);
        Running = new FakeRunningSite(Site);
        Events.Add(KnownEvent);
        var services = new ServiceCollection()
            .AddLogging(b => { if (log is not null) { b.AddProvider(log); } })
            .AddSingleton(Site)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IEventOperations>(Events)
            .AddSingleton<IRelayController>(Relays)
            .AddSingleton<IAuditLog>(Audit)
            .AddSingleton<IRunningSite>(Running)
            .AddSingleton(new SiteFile(SiteFilePath))
            .AddSingleton<SiteReloader>()
            .AddSingleton(connection)
            .AddWatchpostRules()
            .AddWatchpostCommands();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Router = _services.GetRequiredService<CommandRouter>();
        Arming = _services.GetRequiredService<ArmingService>();
    }

    public TempFolder Folder { get; } = new();

    public string SiteFilePath => Folder.File("watchpost.json");

    public WatchpostOptions Site { get; }

    public CommandRouter Router { get; }

    public ArmingService Arming { get; }

    public FakeEventOperations Events { get; } = new();

    public FakeRelays Relays { get; } = new();

    public RecordingAudit Audit { get; } = new();

    public FakeRunningSite Running { get; }

    /// <summary>Everything a command could change, as one string: arming, audit, event changes, relays, reloads.</summary>
    public string State() =>
        $"disarmed [{string.Join(", ", Arming.Disarmed.Select(d => d.Target))}] audit {Audit.Entries.Count} events {Events.Applied.Count} relays {Relays.Calls.Count} reloads {Running.Applied.Count} state file {File.Exists(Arming.StatePath)}";

    /// <summary>The site file; <paramref name="extraZone"/> adds zone "porch" on gate and rule "porch-intrusion".</summary>
    public string SiteJson(bool extraZone = false) => $$"""
        {
          "site": { "deviceId": "cmdtest" },
          "storage": { "path": "{{Folder.Path}}" },
          "console": { "listen": "http://127.0.0.1:8080", "publicUrl": "http://box.example:8080/" },
          "cameras": [ { "id": "gate", "url": "/dev/null" }, { "id": "back", "url": "/dev/null" }, { "id": "old", "url": "/dev/null", "enabled": false } ],
          "zones": [
            { "id": "lawn", "camera": "gate", "polygon": [[0, 0], [100, 0], [100, 100]] },
            { "id": "yard", "camera": "back", "polygon": [[0, 0], [100, 0], [100, 100]] }
            {{(extraZone ? """, { "id": "porch", "camera": "gate", "polygon": [[0, 0], [50, 0], [50, 50]] }""" : "")}}
          ],
          "rules": [
            { "id": "lawn-intrusion", "type": "intrusion", "zone": "lawn" },
            { "id": "yard-intrusion", "type": "intrusion", "zone": "yard" }
            {{(extraZone ? """, { "id": "porch-intrusion", "type": "intrusion", "zone": "porch" }""" : "")}}
          ]
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Folder.Dispose();
    }

    public static ILoggerProvider Quiet => NullLoggerProvider.Instance;
}
