using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.Tests.Support;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Console;

/// <summary>
/// The site editor's API on the real appliance host (real Kestrel, the real model on vtest.avi, a site file in a
/// temporary folder): an admin's save reaches the file and the running pipeline without a camera restart; a bad
/// edit is refused with the loader's reason and the file is untouched; operators and requests without the
/// antiforgery header are refused.
/// </summary>
public sealed class SiteEditorTests : IDisposable
{
    private const string Password = "correct-horse-battery";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [MediaFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task An_admins_new_zone_is_saved_to_the_file_and_used_by_the_running_pipeline_without_restarting_the_camera()
    {
        var (app, url, path) = await StartAsync();
        await using var _ = app;
        var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
        CameraStatus Gate() => supervisor.Status().Single(c => c.Id == "gate");
        await Poll.UntilAsync(() => Gate().FramesProcessed >= 3, TimeSpan.FromSeconds(60), () => string.Join("; ", supervisor.Status()));
        using var admin = await ConsoleLogin.LoggedInAsync(url, "chief", Password);

        var shown = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/site/cameras/gate", UriKind.Relative)))!;
        Assert.True(shown["editable"]!.GetValue<bool>());
        Assert.Equal("""[{"id":"plaza","polygon":[[300,215],[560,195],[620,330],[430,335],[300,290]]}]""", shown["zones"]!.ToJsonString());
        Assert.Equal("""{"zone":"plaza","durationSeconds":2}""", shown["rules"]![0]!["parameters"]!.ToJsonString());

        // The whole frame as a second zone, and the plaza rule's duration changed.
        var yardBefore = YardEntries(path);
        var reconnects = Gate().Reconnects;
        var framesIn = Gate().FramesIn;
        shown["zones"]!.AsArray().Add(JsonNode.Parse("""{"id": "everywhere", "polygon": [[0, 0], [768, 0], [768, 576], [0, 576]]}"""));
        shown["rules"]![0]!["parameters"]!["durationSeconds"] = 4;
        using (var saved = await PutAsync(admin, "gate", shown.ToJsonString()))
        {
            var body = await saved.Content.ReadAsStringAsync();
            Assert.True(saved.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("zones added everywhere", body, StringComparison.Ordinal);
            Assert.Contains("rules changed plaza-intrusion", body, StringComparison.Ordinal);
            Assert.Contains("gate rules replaced", body, StringComparison.Ordinal);
        }

        var file = WatchpostOptionsLoader.Load(path);
        Assert.Equal(["plaza", "everywhere", "yard-gate"], file.Zones.Select(z => z.Id));
        Assert.Equal(4, Assert.IsType<Watchpost.Behaviours.Intrusion.IntrusionRuleOptions>(file.Rules[0]).DurationSeconds);
        Assert.Equal(yardBefore, YardEntries(path));
        Assert.Equal(("s3cret-pass", "edit-box"), (file.Mqtt.Users[0].Password, file.Site.DeviceId));

        // The running site is the new one; the camera went on (no reconnect, frames counted on) and counts people in the new zone.
        Assert.Contains(supervisor.Site.Zones, z => z.Id == "everywhere");
        await Poll.UntilAsync(() => Gate().Occupancy.Any(z => z.ZoneId == "everywhere" && z.Total > 0), TimeSpan.FromSeconds(60),
            () => string.Join("; ", Gate().Occupancy.Select(z => $"{z.ZoneId}={z.Total}")));
        Assert.Equal(reconnects, Gate().Reconnects);
        Assert.True(Gate().FramesIn > framesIn);
        Assert.NotEqual(CameraState.Failed, Gate().State);

        // The save is in the audit trail as the admin's, from the console.
        var audit = await app.Services.GetRequiredService<IAuditLog>().ListAsync(10, "site");
        Assert.Contains(audit, a => a.Operator == "chief" && a.Source == ChangeSource.Console && a.Action == "reload");
    }

    [MediaFact("media/vtest.avi", "models/yolox_nano.onnx")]
    public async Task A_bad_edit_is_refused_with_the_reason_and_the_file_stays_byte_identical_and_only_admins_with_the_token_may_save()
    {
        var (app, url, path) = await StartAsync();
        await using var _ = app;
        var before = File.ReadAllBytes(path);
        var supervisor = app.Services.GetRequiredService<CameraSupervisor>();
        await Poll.UntilAsync(() => supervisor.Status().Single(c => c.Id == "gate").FramesProcessed >= 1, TimeSpan.FromSeconds(60), () => string.Join("; ", supervisor.Status()));   // its frame size is known
        using var admin = await ConsoleLogin.LoggedInAsync(url, "chief", Password);
        using var guard = await ConsoleLogin.LoggedInAsync(url, "guard", Password);
        const string Crossed = """{"zones": [{"id": "plaza", "polygon": [[0, 0], [100, 100], [100, 0], [0, 150]]}]}""";

        using (var crossed = await PutAsync(admin, "gate", Crossed))
        {
            Assert.Equal(HttpStatusCode.Conflict, crossed.StatusCode);
            Assert.StartsWith("zones[0] ('plaza').polygon: the polygon crosses itself", Error(await crossed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // vtest.avi is 768x576: the loader accepts this zone, the running camera does not; the file is put back.
        using (var outside = await PutAsync(admin, "gate", """{"zones": [{"id": "plaza", "polygon": [[1000, 600], [1900, 600], [1900, 1000]]}]}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, outside.StatusCode);
            Assert.Contains("zone 'plaza'", Error(await outside.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var camera = await PutAsync(admin, "lobby", """{"zones": [{"id": "hall", "polygon": [[0, 0], [10, 0], [10, 10]]}]}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, camera.StatusCode);
            Assert.Contains("'lobby'", Error(await camera.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var rule = await PutAsync(admin, "gate", """{"rules": [{"id": "nope", "parameters": {}}]}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rule.StatusCode);
            Assert.Contains("'nope'", Error(await rule.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var shape = await PutAsync(admin, "gate", """{"zones": [{"id": "plaza", "polygon": [[0, 0], ["a", 1], [5, 5]]}]}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, shape.StatusCode);
            Assert.StartsWith("zones[0].polygon[1]", Error(await shape.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        const string Good = """{"zones": [{"id": "plaza", "polygon": [[0, 0], [100, 0], [100, 100]]}]}""";
        using (var noToken = await PutAsync(admin, "gate", Good, withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
            Assert.Contains("X-Watchpost-Csrf", Error(await noToken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var operatorPut = await PutAsync(guard, "gate", Good))
        {
            Assert.Equal(HttpStatusCode.Forbidden, operatorPut.StatusCode);
        }

        using (var operatorGet = await guard.GetAsync(new Uri("/api/site/cameras/gate", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, operatorGet.StatusCode);
        }

        using (var anonymous = await ConsoleLogin.Client(url).GetAsync(new Uri("/api/site/cameras/gate", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/api/site/cameras/lobby", UriKind.Relative))).StatusCode);
    }

    /// <summary>The antiforgery token as the page gets it: from /api/session when the console has it, else from a page's form.</summary>
    private static async Task<string> TokenAsync(HttpClient http)
    {
        using var session = await http.GetAsync(new Uri("/api/session", UriKind.Relative));
        if (session.IsSuccessStatusCode && JsonNode.Parse(await session.Content.ReadAsStringAsync())?["csrf"]?.GetValue<string>() is { } csrf)
        {
            return csrf;
        }

        return ConsoleLogin.Token(await http.GetStringAsync(new Uri("/", UriKind.Relative)));
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, string camera, string json, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/site/cameras/{camera}", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (withToken)
        {
            request.Headers.Add("X-Watchpost-Csrf", await TokenAsync(http));
        }

        return await http.SendAsync(request);
    }

    private static string Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    /// <summary>The yard camera's entries of the file as written (its zone), to show they are untouched.</summary>
    private static string YardEntries(string path) =>
        string.Join('\n', JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!["zones"]!
            .AsArray().Where(z => (string?)z!["camera"] == "yard").Select(z => z!.ToJsonString()));

    private async Task<(RunningHost App, string Url, string Path)> StartAsync()
    {
        var port = FreePort.Tcp();
        var site = Directory.CreateDirectory(_folder.File("etc")).FullName;
        var path = Path.Combine(site, "watchpost.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              // a file camera on the sample footage; the yard camera is off, but its zone must stay as it is
              "site": { "deviceId": "edit-box" },
              "cameras": [
                { "id": "gate", "url": {{JsonSerializer.Serialize(TestAssets.Video)}}, "loop": true, "realtime": false, "detectFps": 5 },
                { "id": "yard", "url": "rtsp://10.0.0.6/stream", "enabled": false },
              ],
              "zones": [
                { "id": "plaza", "camera": "gate", "polygon": [[300, 215], [560, 195], [620, 330], [430, 335], [300, 290]] },
                { "id": "yard-gate", "camera": "yard", "polygon": [[0, 0], [100, 0], [100, 100]] }
              ],
              "rules": [ { "id": "plaza-intrusion", "type": "intrusion", "zone": "plaza", "durationSeconds": 2 } ],
              "mqtt": { "embeddedPort": 0, "users": [ { "username": "controller", "password": "s3cret-pass" } ] },
              "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} },
              "console": { "listen": "http://127.0.0.1:{{port}}" }
            }
            """);
        var options = WatchpostOptionsLoader.Load(path);
        var users = new ConsoleUserStore(options.Storage.Path);
        users.Add("chief", ConsoleRole.Admin, Password);
        users.Add("guard", ConsoleRole.Operator, Password);
        var app = ApplianceHost.Build(options, new SiteFile(path));
        await app.StartAsync();
        return (new RunningHost(app), $"http://127.0.0.1:{port}", path);
    }

    private sealed record RunningHost(WebApplication App) : IAsyncDisposable
    {
        public IServiceProvider Services => App.Services;

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
