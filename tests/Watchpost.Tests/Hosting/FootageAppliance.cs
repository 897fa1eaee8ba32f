using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Cli;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Tests.Support;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Hosting;

/// <summary>
/// The whole appliance on a real Kestrel with the sample footage as one looped camera (as fast as the pipeline
/// takes it), an intrusion rule on the walkway, a privacy mask over the building's windows, and a viewer login.
/// Shared by the tests of one class: the model and the camera start once.
/// </summary>
public sealed class FootageAppliance : IAsyncLifetime
{
    public const string CameraId = "yard";
    public const string Viewer = "guard";
    public const string Password = "correct-horse-battery";

    private readonly TempFolder _data = new();
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public WatchpostOptions Options { get; private set; } = new();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("not started");

    public CameraSupervisor Supervisor => Services.GetRequiredService<CameraSupervisor>();

    public async Task InitializeAsync()
    {
        var port = FreePort.Tcp();
        Options = new WatchpostOptions
        {
            Site = new SiteOptions { DeviceId = "footage" },
            Cameras = [new CameraOptions { Id = CameraId, Url = TestAssets.Video, Realtime = false, Loop = true, DetectFps = 8 }],
            Zones = [new ZoneOptions { Id = "walkway", Camera = CameraId, Polygon = [.. DemoSite.Walkway] }],
            Lines = [new LineOptions { Id = "east-gate", Camera = CameraId, From = [560, 150], To = [560, 430] }],
            Masks = [new MaskOptions { Id = "windows", Camera = CameraId, Polygon = [.. PrivacyMaskTests.Window] }],
            Rules = [new IntrusionRuleOptions { Id = "walkway-intrusion", Zone = "walkway", DurationSeconds = 2, CooldownSeconds = 0 }],
            Mqtt = new MqttOptions { EmbeddedPort = 0, EmbeddedListen = "127.0.0.1" },
            Storage = new StorageOptions { Path = _data.Path },
            Console = new ConsoleOptions { Listen = $"http://127.0.0.1:{port}" },
        };
        WatchpostOptionsLoader.Validate(Options, "the footage site");
        new ConsoleUserStore(_data.Path).Add(Viewer, ConsoleRole.Viewer, Password);
        _app = ApplianceHost.Build(Options);
        await _app.StartAsync();
        Url = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }
}
