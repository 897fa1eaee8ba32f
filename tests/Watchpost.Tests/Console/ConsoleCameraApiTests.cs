using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Console;

/// <summary>
/// GET /api/cameras (state, measured frame rate, each rule's arming) and POST /api/arming through the ArmingService,
/// audited as a console change, on the appliance host running the sample footage as a camera.
/// </summary>
public sealed class ConsoleCameraApiTests(ITestOutputHelper output)
{
    private static string Site() => $$"""
        "cameras": [ { "id": "gate", "name": "Gate", "url": {{JsonSerializer.Serialize(TestAssets.Video)}}, "loop": true } ],
        "zones": [ { "id": "plaza", "camera": "gate", "polygon": [[0,0],[700,0],[700,500],[0,500]] } ],
        "rules": [ { "id": "plaza-intrusion", "type": "intrusion", "zone": "plaza", "durationSeconds": 2 } ]
        """;

    // About 30 s here: the real model and footage, and the frame rate needs two seconds of frames after the camera starts.
    [Fact]
    public async Task Cameras_show_their_frame_rate_and_rules_and_an_operators_disarm_goes_through_the_arming_service_and_the_audit()
    {
        await using var host = await ConsoleTestHost.StartAsync(Site());
        using var guard = await host.PageClientAsync("guard");
        JsonElement camera = default;
        Assert.True(await Poll.UntilAsync(async () =>
        {
            camera = (await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/cameras", UriKind.Relative)))[0];
            return camera.GetProperty("fps").GetDouble() > 0;
        }, TimeSpan.FromSeconds(30)), $"camera: {camera}");
        output.WriteLine($"camera: {camera}");

        // vtest.avi plays in real time at 10 frames a second.
        Assert.Equal(("gate", "Gate", "streaming"), (camera.GetProperty("id").GetString(), camera.GetProperty("name").GetString(), camera.GetProperty("state").GetString()));
        Assert.InRange(camera.GetProperty("fps").GetDouble(), 5, 15);
        Assert.True(camera.GetProperty("framesIn").GetInt64() > 0);
        var rule = Assert.Single(camera.GetProperty("rules").EnumerateArray());
        Assert.Equal(("plaza-intrusion", "intrusion", "armed", true),
            (rule.GetProperty("ruleId").GetString(), rule.GetProperty("type").GetString(), rule.GetProperty("status").GetString(), rule.GetProperty("inSchedule").GetBoolean()));

        using (var disarm = await guard.PostAsJsonAsync(new Uri("/api/arming", UriKind.Relative), new { action = "disarm", scope = "camera", id = "gate", reason = "maintenance" }))
        {
            Assert.Equal(HttpStatusCode.OK, disarm.StatusCode);
            var result = await disarm.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(result.GetProperty("succeeded").GetBoolean());
            Assert.True(result.GetProperty("changed").GetBoolean());
            Assert.Equal("disarmedByOperator", result.GetProperty("rules")[0].GetProperty("status").GetString());
        }

        var after = (await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/cameras", UriKind.Relative)))[0];
        Assert.Equal("disarmedByOperator", after.GetProperty("rules")[0].GetProperty("status").GetString());
        var audit = Assert.Single(await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(10, "camera:gate"));
        Assert.Equal(("guard", ChangeSource.Console, "disarm", "maintenance"), (audit.Operator, audit.Source, audit.Action, audit.Detail));

        foreach (var (body, expected) in new (object, string)[]
        {
            (new { action = "explode", scope = "camera", id = "gate" }, "action"),
            (new { action = "arm", scope = "planet", id = "gate" }, "scope"),
            (new { action = "arm", scope = "zone" }, "id"),
            (new { action = "arm", scope = "zone", id = "nowhere" }, "nowhere"),
        })
        {
            using var bad = await guard.PostAsJsonAsync(new Uri("/api/arming", UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains(expected, (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using (var arm = await guard.PostAsJsonAsync(new Uri("/api/arming", UriKind.Relative), new { action = "arm", scope = "everything" }))
        {
            Assert.Equal("armed", (await arm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rules")[0].GetProperty("status").GetString());
        }

        Assert.Equal(["arm", "disarm"], (await host.App.Services.GetRequiredService<IAuditLog>().ListAsync(10)).Where(a => a.Source == ChangeSource.Console).Select(a => a.Action));
    }
}
