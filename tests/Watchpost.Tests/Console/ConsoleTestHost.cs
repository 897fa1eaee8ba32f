using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Tests.Support;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Console;

/// <summary>
/// The appliance host on a real Kestrel with a real LiteDB in a temporary folder and console users of each role
/// (viewer, guard = operator, chief = admin), as the console's API tests need it.
/// </summary>
internal sealed class ConsoleTestHost : IAsyncDisposable
{
    public const string Password = "console-api-password-1";

    private readonly TempFolder _folder;

    private ConsoleTestHost(TempFolder folder, WebApplication app, string url)
    {
        _folder = folder;
        App = app;
        Url = url;
    }

    public WebApplication App { get; }

    public string Url { get; }

    public IEventStore Store => App.Services.GetRequiredService<IEventStore>();

    /// <param name="site">Extra top-level members of the site file (e.g. cameras, zones, rules), as JSON without braces.</param>
    public static async Task<ConsoleTestHost> StartAsync(string? site = null, string language = "en")
    {
        var folder = new TempFolder();
        try
        {
            var port = FreePort.Tcp();
            var data = folder.File("data");
            var path = folder.File("watchpost.json");
            await File.WriteAllTextAsync(path, $$"""
                {
                  "site": { "deviceId": "api-box", "name": "Test site", "language": "{{language}}", "timeZone": "Asia/Shanghai" },
                  "mqtt": { "embeddedPort": 0 },
                  "storage": { "path": {{JsonSerializer.Serialize(data)}} },
                  {{(site is null ? "" : site + ",")}}
                  "console": { "listen": "http://127.0.0.1:{{port}}" }
                }
                """);
            var options = WatchpostOptionsLoader.Load(path);
            var users = new ConsoleUserStore(options.Storage.Path);
            users.Add("viewer", ConsoleRole.Viewer, Password);
            users.Add("guard", ConsoleRole.Operator, Password);
            users.Add("chief", ConsoleRole.Admin, Password);
            var app = ApplianceHost.Build(options);
            await app.StartAsync();
            return new ConsoleTestHost(folder, app, $"http://127.0.0.1:{port}");
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    public Task<HttpClient> LogInAsync(string user) => ConsoleLogin.LoggedInAsync(Url, user, Password);

    /// <summary>A client whose cookies the test can set (the language cookie), logged in when <paramref name="user"/> is given.</summary>
    public async Task<(HttpClient Http, CookieContainer Cookies)> ClientWithCookiesAsync(string? user)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(Url) };
        if (user is not null)
        {
            using var response = await ConsoleLogin.PostLoginAsync(http, user, Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return (http, cookies);
    }

    public void SetLanguage(CookieContainer cookies, string language) => cookies.Add(new Uri(Url), new Cookie("watchpost_lang", language, "/"));

    /// <summary>A logged-in client that sends the session's antiforgery token on every request, as the page does.</summary>
    public async Task<HttpClient> PageClientAsync(string user)
    {
        var http = await LogInAsync(user);
        var session = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/session", UriKind.Relative));
        http.DefaultRequestHeaders.Add(ConsoleAntiforgery.HeaderName, session.GetProperty("csrf").GetString());
        return http;
    }

    /// <summary>Stores an event as the recorder would (without an alert) and returns it.</summary>
    public async Task<SecurityEvent> AddEventAsync(string id, DateTime startedAt, string camera = "gate-1", string rule = "night-intrusion", string severity = "high", string? zone = "lobby")
    {
        var e = Events.EventTestData.Event(id, startedAt, camera) with { RuleId = rule, Severity = severity, ZoneId = zone };
        await Store.AddAsync(e, null, null);
        return e;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        finally
        {
            _folder.Dispose();
        }
    }

    public static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
