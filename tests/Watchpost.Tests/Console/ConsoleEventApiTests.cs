using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Watchpost.Events;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Console;

/// <summary>
/// The console's event API on a real Kestrel and LiteDB: anonymous requests refused, roles, the antiforgery
/// header, the operators' actions through IEventOperations into the store and the audit trail, search with
/// filters and paging, and the CSV export.
/// </summary>
public sealed class ConsoleEventApiTests
{
    private static readonly DateTime T0 = new(2026, 11, 30, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Anonymous_requests_get_401_on_every_api_and_a_redirect_to_the_login_on_every_page()
    {
        await using var host = await ConsoleTestHost.StartAsync();
        using var http = ConsoleLogin.Client(host.Url);
        foreach (var (method, path) in new[]
        {
            ("GET", "/api/session"), ("GET", "/api/guards"), ("GET", "/api/stream"), ("GET", "/api/events?page=1"), ("GET", "/api/events.csv"),
            ("GET", "/api/events/ev-1"), ("GET", "/api/events/ev-1/audit"), ("GET", "/api/cameras"), ("GET", "/api/status"),
            ("POST", "/api/events/ev-1/ack"), ("POST", "/api/events/ev-1/note"), ("POST", "/api/events/ev-1/assign"),
            ("POST", "/api/events/ev-1/resolve"), ("POST", "/api/arming"),
        })
        {
            Assert.True(await ConsoleTestHost.StatusAsync(http, new HttpMethod(method), path, new { note = "x" }) == HttpStatusCode.Unauthorized, $"{method} {path}");
        }

        foreach (var page in new[] { "/", "/events", "/events/ev-1", "/cameras", "/editor?camera=gate", "/ui/index.html" })
        {
            using var response = await http.GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
            Assert.Contains("/login?returnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_viewer_gets_403_an_operators_ack_note_assign_and_resolve_are_stored_with_name_and_time_and_audited_oldest_first()
    {
        await using var host = await ConsoleTestHost.StartAsync();
        await host.AddEventAsync("ev-ops-1", T0);
        using var viewer = await host.PageClientAsync("viewer");
        using var guard = await host.PageClientAsync("guard");

        Assert.Equal(HttpStatusCode.Forbidden, await ConsoleTestHost.StatusAsync(viewer, HttpMethod.Post, "/api/events/ev-ops-1/ack", new { }));
        Assert.Equal(HttpStatusCode.Forbidden, await ConsoleTestHost.StatusAsync(viewer, HttpMethod.Post, "/api/arming", new { action = "arm", scope = "everything" }));
        Assert.Equal(EventState.New, (await host.Store.GetAsync("ev-ops-1"))!.State);

        // Without the antiforgery header (a forged cross-site form) nothing changes.
        using (var noHeader = await host.LogInAsync("guard"))
        using (var forged = await noHeader.PostAsJsonAsync(new Uri("/api/events/ev-ops-1/ack", UriKind.Relative), new { note = "forged" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("X-Watchpost-Csrf", (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(EventState.New, (await host.Store.GetAsync("ev-ops-1"))!.State);

        var before = DateTime.UtcNow.AddSeconds(-1);
        using (var ack = await guard.PostAsJsonAsync(new Uri("/api/events/ev-ops-1/ack", UriKind.Relative), new { note = "on my way" }))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            var view = await ack.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("acknowledged", view.GetProperty("state").GetString());
            Assert.Equal("guard", view.GetProperty("acknowledgedBy").GetString());
            Assert.Equal("/events/ev-ops-1", view.GetProperty("url").GetString());
            Assert.Equal("on my way", view.GetProperty("notes")[0].GetProperty("text").GetString());
        }

        var stored = (await host.Store.GetAsync("ev-ops-1"))!;
        Assert.Equal(EventState.Acknowledged, stored.State);
        Assert.Equal("guard", stored.AcknowledgedBy);
        Assert.InRange(stored.AcknowledgedAt!.Value, before, DateTime.UtcNow.AddSeconds(1));

        using (var twice = await guard.PostAsJsonAsync(new Uri("/api/events/ev-ops-1/ack", UriKind.Relative), new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
            Assert.Contains("only a New event", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-ops-1/assign", new { guard = "nobody" }));
        Assert.Equal(HttpStatusCode.BadRequest, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-ops-1/note", new { note = " " }));
        Assert.Equal(HttpStatusCode.NotFound, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/no-such/ack", new { }));
        Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-ops-1/assign", new { guard = "viewer" }));
        Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-ops-1/note", new { note = "gate closed" }));
        using (var resolve = await guard.PostAsync(new Uri("/api/events/ev-ops-1/resolve", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);   // an empty body: no note
        }

        stored = (await host.Store.GetAsync("ev-ops-1"))!;
        Assert.Equal(("viewer", "guard", EventState.Resolved), (stored.AssignedTo, stored.ResolvedBy, stored.State));

        var audit = await viewer.GetFromJsonAsync<JsonElement>(new Uri("/api/events/ev-ops-1/audit", UriKind.Relative));
        Assert.Equal(["ack:guard:console:on my way", "assign:guard:console:viewer", "note:guard:console:gate closed", "resolve:guard:console:"],
            audit.EnumerateArray().Select(a => $"{a.GetProperty("action").GetString()}:{a.GetProperty("operator").GetString()}:{a.GetProperty("source").GetString()}:{a.GetProperty("detail").GetString()}"));
        Assert.Equal(HttpStatusCode.NotFound, await ConsoleTestHost.StatusAsync(viewer, HttpMethod.Get, "/api/events/no-such/audit"));

        var guards = await viewer.GetFromJsonAsync<JsonElement>(new Uri("/api/guards", UriKind.Relative));
        Assert.Equal(["chief:admin", "guard:operator", "viewer:viewer"], guards.EnumerateArray().Select(g => $"{g.GetProperty("name").GetString()}:{g.GetProperty("role").GetString()}"));
    }

    [Fact]
    public async Task Search_filters_and_pages_newest_first_and_the_csv_holds_the_same_rows_quoted_and_formula_safe()
    {
        await using var host = await ConsoleTestHost.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await host.AddEventAsync($"ev-{i}", T0.AddMinutes(i), camera: i % 2 == 0 ? "gate-1" : "dock", severity: i < 5 ? "high" : "low",
                zone: i == 3 ? "=HYPERLINK(\"http://evil.example\")" : "lobby");
        }

        using var guard = await host.PageClientAsync("guard");
        Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-2/resolve", new { note = "false alarm, \"cat\"" }));
        Assert.Equal(HttpStatusCode.OK, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Post, "/api/events/ev-4/ack", new { }));

        // "ids of the page / total"
        async Task<string> Search(string query)
        {
            var page = await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/events?" + query, UriKind.Relative));
            return $"{string.Join(' ', page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()))} / {page.GetProperty("total").GetInt32()}";
        }

        static string Expect(string[] ids, int total) => $"{string.Join(' ', ids)} / {total}";

        Assert.Equal(Expect(["ev-6", "ev-5", "ev-4", "ev-3", "ev-2", "ev-1", "ev-0"], 7), await Search(""));
        Assert.Equal(Expect(["ev-4", "ev-3"], 7), await Search("page=2&size=2"));
        Assert.Equal(Expect(["ev-6", "ev-4", "ev-2", "ev-0"], 4), await Search("camera=gate-1"));
        Assert.Equal(Expect(["ev-6", "ev-5"], 2), await Search("severity=low"));
        Assert.Equal(Expect(["ev-2"], 1), await Search("state=resolved"));
        Assert.Equal(Expect(["ev-4"], 1), await Search("state=acknowledged"));
        Assert.Equal(Expect(["ev-6", "ev-5", "ev-4", "ev-3", "ev-1", "ev-0"], 6), await Search("open=true"));
        Assert.Equal(Expect(["ev-3", "ev-2"], 2), await Search($"since={Uri.EscapeDataString(T0.AddMinutes(2).ToString("O"))}&until={Uri.EscapeDataString("2026-12-01T04:04:00+08:00")}"));
        Assert.Equal(Expect(["ev-0"], 6), await Search("open=true&page=6&size=1"));
        Assert.Equal(Expect(["ev-5"], 1), await Search("camera=dock&severity=low&rule=night-intrusion"));

        var legacy = await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/events?limit=3", UriKind.Relative));
        Assert.Equal(["ev-6", "ev-5", "ev-4"], legacy.EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        foreach (var (query, names) in new[] { ("size=0", "size"), ("size=501", "size"), ("page=x", "page"), ("state=open", "state"), ("since=yesterday", "since"), ("severity=huge", "severity"), ("open=maybe", "open"), ("since=2026-12-01T00:00:00Z&until=2026-11-01T00:00:00Z", "until") })
        {
            using var bad = await guard.GetAsync(new Uri("/api/events?" + query, UriKind.Relative));
            Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, query);
            Assert.StartsWith(names, (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var csv = await guard.GetAsync(new Uri("/api/events.csv?camera=gate-1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("id,started_at,ended_at,camera,zone,rule,type,severity,class,track_id,score,state,acknowledged_by,acknowledged_at,assigned_to,resolved_by,resolved_at,notes", lines[0]);
        Assert.Equal(["ev-6", "ev-4", "ev-2", "ev-0", ""], lines[1..].Select(l => l.Split(',')[0]));
        Assert.StartsWith("ev-0,2026-11-30T20:00:00.000Z,,gate-1,lobby,night-intrusion,intrusion,high,person,17,0.83,new,", lines[4], StringComparison.Ordinal);
        Assert.Contains(",resolved,", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(" guard: false alarm, \"\"cat\"\"\"", lines[3], StringComparison.Ordinal);

        using var all = await guard.GetAsync(new Uri("/api/events.csv?camera=dock", UriKind.Relative));
        var dock = (await all.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("ev-3,2026-11-30T20:03:00.000Z,,dock,\"'=HYPERLINK(\"\"http://evil.example\"\")\",", dock[2], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Get, "/api/events.csv?state=x"));

        var one = await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/events/ev-2", UriKind.Relative));
        Assert.Equal(("resolved", "guard", "high", JsonValueKind.Null), (one.GetProperty("state").GetString(), one.GetProperty("resolvedBy").GetString(), one.GetProperty("severity").GetString(), one.GetProperty("snapshotUrl").ValueKind));
        Assert.Equal(2.4, one.GetProperty("details").GetProperty("duration_s").GetDouble());
        Assert.Equal(4, one.GetProperty("box").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, await ConsoleTestHost.StatusAsync(guard, HttpMethod.Get, "/api/events/nope"));
    }

    [Fact]
    public async Task The_session_names_the_user_role_site_and_language_and_the_language_cookie_overrides_the_site()
    {
        await using var host = await ConsoleTestHost.StartAsync(language: "zh-CN");
        var (guard, cookies) = await host.ClientWithCookiesAsync("guard");
        using var _ = guard;
        var session = await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/session", UriKind.Relative));
        Assert.Equal("guard", session.GetProperty("user").GetString());
        Assert.Equal("operator", session.GetProperty("role").GetString());
        Assert.Equal("zh-CN", session.GetProperty("language").GetString());
        Assert.Equal("Asia/Shanghai", session.GetProperty("timeZone").GetString());
        Assert.Equal(("Test site", "api-box"), (session.GetProperty("siteName").GetString(), session.GetProperty("deviceId").GetString()));
        Assert.True(session.GetProperty("canOperate").GetBoolean());
        Assert.False(session.GetProperty("canAdmin").GetBoolean());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("csrf").GetString()));

        foreach (var (cookie, expected) in new[] { ("en", "en"), ("zh-CN", "zh-CN"), ("fr", "zh-CN") })
        {
            host.SetLanguage(cookies, cookie);
            var chosen = await guard.GetFromJsonAsync<JsonElement>(new Uri("/api/session", UriKind.Relative));
            Assert.True(chosen.GetProperty("language").GetString() == expected, $"cookie {cookie}");
        }
    }
}
