using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Support;

/// <summary>
/// The real appliance host (`watchpost run` with a site file) on a free loopback port for the browser tests:
/// the sample footage vtest.avi as camera "demo" with the demo's plaza, crossing and gate rules (alerts within
/// seconds), a real LiteDB in a temporary folder, a real mosquitto, and the console users admin, operator and
/// viewer. Started on first use, so that skipped tests start nothing; the tests of a class share it.
/// </summary>
public class ApplianceFixture : IAsyncLifetime
{
    public const string Password = "browser-test-password-7";
    public const string DeviceId = "browser-box";
    public const string CameraId = "demo";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly TempFolder _folder = new();
    private MosquittoBroker? _broker;
    private WebApplication? _app;

    /// <summary>Whether the site has the sample footage as a camera (else no camera: alerts come only from the test).</summary>
    protected virtual bool WithFootage => true;

    public string Url { get; private set; } = "";

    public string SiteFilePath => _folder.File("watchpost.json");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the appliance is not started: call StartAsync");

    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("the appliance is not started: call StartAsync");

    public IEventStore Store => Services.GetRequiredService<IEventStore>();

    /// <summary>Starts the appliance the first time it is called; then returns at once.</summary>
    public async Task<ApplianceFixture> StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_app is null)
            {
                _broker = await MosquittoBroker.StartAsync();
                var port = FreePort.Tcp();
                File.WriteAllText(SiteFilePath, SiteJson(port, _broker.Port));
                var options = WatchpostOptionsLoader.Load(SiteFilePath);
                var users = new ConsoleUserStore(options.Storage.Path);
                users.Add("admin", ConsoleRole.Admin, Password);
                users.Add("operator", ConsoleRole.Operator, Password);
                users.Add("viewer", ConsoleRole.Viewer, Password);
                var app = ApplianceHost.Build(options, new SiteFile(SiteFilePath));
                await app.StartAsync();
                _app = app;
                Url = $"http://127.0.0.1:{port}";
            }

            return this;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The cookies of a session of <paramref name="user"/>, from logging in through the login form once per user:
    /// the console allows five logins a minute from one address, more than the tests would need otherwise.
    /// </summary>
    public async Task<string> SessionAsync(BrowserFixture browsers, string user)
    {
        ArgumentNullException.ThrowIfNull(browsers);
        await StartAsync();
        await _gate.WaitAsync();
        try
        {
            if (!_sessions.TryGetValue(user, out var state))
            {
                await using var context = await browsers.NewContextAsync(Url);
                var page = await context.NewPageAsync();
                await LogInAsync(page, user);
                _sessions[user] = state = await context.StorageStateAsync();
            }

            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Logs in through the page's login form, as a guard does, and waits until the console's page replaced it.</summary>
    public static async Task LogInAsync(IPage page, string user, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/login");
        }

        await page.Locator("input[name=username]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("input[name=password]").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>A page of <paramref name="user"/> (null = anonymous) in <paramref name="language"/>, in a context of its own.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> OpenAsync(BrowserFixture browsers, string? user, string? language = "en")
    {
        ArgumentNullException.ThrowIfNull(browsers);
        await StartAsync();
        var context = await browsers.NewContextAsync(Url, user is null ? null : await SessionAsync(browsers, user), language);
        await context.AddInitScriptAsync(BrowserProbes.Script);
        return (context, await context.NewPageAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _broker?.Dispose();
        _folder.Dispose();
        _gate.Dispose();
    }

    private string SiteJson(int consolePort, int brokerPort)
    {
        var camera = WithFootage
            ? $$"""[{ "id": "{{CameraId}}", "name": "Sample footage", "url": {{JsonSerializer.Serialize(TestAssets.Video)}}, "loop": true, "realtime": true }]"""
            : "[]";
        // The demo's plaza and crossing zones and gate lines (Cli/DemoSite.cs) with the rules that fire first on vtest.avi.
        var layout = WithFootage
            ? $$"""
              "zones": [
                { "id": "plaza", "camera": "{{CameraId}}", "polygon": [[300, 215], [560, 195], [620, 330], [430, 335], [300, 290]] },
                { "id": "crossing", "camera": "{{CameraId}}", "polygon": [[470, 200], [650, 180], [690, 300], [500, 330]] }
              ],
              "lines": [
                { "id": "east-gate", "camera": "{{CameraId}}", "from": [560, 150], "to": [560, 430] },
                { "id": "west-gate", "camera": "{{CameraId}}", "from": [250, 170], "to": [250, 330] }
              ],
              "rules": [
                { "id": "plaza-intrusion", "type": "intrusion", "zone": "plaza", "durationSeconds": 2, "severity": "high", "cooldownSeconds": 30 },
                { "id": "crossing-enter", "type": "zone_enter", "zone": "crossing", "severity": "low", "cooldownSeconds": 30 },
                { "id": "eastbound", "type": "line_crossing", "line": "east-gate", "direction": "a_to_b", "severity": "medium", "cooldownSeconds": 5 },
                { "id": "westbound", "type": "line_crossing", "line": "west-gate", "direction": "b_to_a", "severity": "low", "cooldownSeconds": 5 }
              ],
              """
            : "";
        return $$"""
            {
              "site": { "deviceId": "{{DeviceId}}", "name": "Browser test site", "language": "en" },
              "cameras": {{camera}},
              {{layout}}
              "mqtt": { "broker": "mqtt://127.0.0.1:{{brokerPort}}" },
              "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} },
              "console": { "listen": "http://127.0.0.1:{{consolePort}}" }
            }
            """;
    }
}
