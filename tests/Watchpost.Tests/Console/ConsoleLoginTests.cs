using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Cli;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Tests.Support;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Console;

/// <summary>
/// The console's logins on a real Kestrel (the appliance host with a site without cameras): nothing but /healthz and
/// /login answers without a session; sessions come from the login form with its antiforgery token; logins are rate
/// limited; the Host header is checked. Each test starts its own host, so that the rate limits of one do not reach another.
/// </summary>
public sealed class ConsoleLoginTests : IDisposable
{
    private const string Password = "correct-horse-battery";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Anonymous_requests_get_401_on_apis_a_redirect_to_the_login_page_on_pages_and_only_healthz_answers()
    {
        await using var console = await StartAsync(withUser: false);
        using var http = ConsoleLogin.Client(console.Url);

        foreach (var api in new[] { "/api/events", "/api/status", "/api/cameras", "/api/events/ev-1", "/api/events/ev-1/snapshot.jpg", "/api/cameras/c1/snapshot.jpg" })
        {
            using var response = await http.GetAsync(new Uri(api, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{api}: {(int)response.StatusCode}");
        }

        foreach (var (page, returnUrl) in new[] { ("/", "%2F"), ("/events/ev-1", "%2Fevents%2Fev-1") })
        {
            using var response = await http.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith($"/login?returnUrl={returnUrl}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("ok", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        var login = await http.GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("watchpost user add", login, StringComparison.Ordinal);   // no user yet: nobody can log in

        using var refused = await ConsoleLogin.PostLoginAsync(http, "admin", "admin");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_the_right_one_opens_pages_and_apis_until_logout()
    {
        await using var console = await StartAsync();
        using var http = ConsoleLogin.Client(console.Url);

        using (var wrong = await ConsoleLogin.PostLoginAsync(http, "guard", "not-the-password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var still = await http.GetAsync(new Uri("/api/events", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, still.StatusCode);
        }

        // Another host's address as the return URL leads to the console's first page instead.
        using (var evil = await ConsoleLogin.PostLoginAsync(http, "guard", Password, returnUrl: "//evil.example/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, evil.StatusCode);
            Assert.Equal("/", evil.Headers.Location!.ToString());
        }

        using (var ok = await ConsoleLogin.PostLoginAsync(http, "guard", Password, returnUrl: "/events/ev-1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
            Assert.Equal("/events/ev-1", ok.Headers.Location!.ToString());
            var cookie = Assert.Single(ok.Headers.GetValues("Set-Cookie"), c => c.StartsWith("watchpost_session=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("data-page=\"alerts\"", page, StringComparison.Ordinal);
        var session = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/session", UriKind.Relative))).RootElement;
        Assert.Equal("guard:viewer", $"{session.GetProperty("user").GetString()}:{session.GetProperty("role").GetString()}");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/events", UriKind.Relative))).RootElement.GetProperty("items").ValueKind);
        using (var status = await http.GetAsync(new Uri("/api/status", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        // Logout needs the session's token too (the page takes it from /api/session); afterwards the session is gone.
        using (var noToken = await http.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }

        using (var logout = await http.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__antiforgery"] = session.GetProperty("csrf").GetString()! })))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var after = await http.GetAsync(new Uri("/api/events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_login_without_the_antiforgery_token_gets_400_the_sixth_attempt_in_a_minute_429_and_a_name_shows_encoded()
    {
        await using var console = await StartAsync();
        using var http = ConsoleLogin.Client(console.Url);

        using (var noToken = await ConsoleLogin.PostLoginAsync(http, "guard", Password, withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }

        using (var script = await ConsoleLogin.PostLoginAsync(http, "<script>alert(1)</script>", "whatever-it-is"))
        {
            var html = await script.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Unauthorized, script.StatusCode);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        }

        // That was the second attempt; three more wrong ones are answered, the sixth is refused even with the right password.
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await ConsoleLogin.PostLoginAsync(http, "guard", $"wrong-password-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var sixth = await ConsoleLogin.PostLoginAsync(http, "guard", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_or_removing_the_user_ends_the_sessions_already_open()
    {
        await using var console = await StartAsync();
        var store = new ConsoleUserStore(_folder.File("data"));
        store.Add("second", ConsoleRole.Operator, Password);
        using var guard = await ConsoleLogin.LoggedInAsync(console.Url, "guard", Password);
        using var second = await ConsoleLogin.LoggedInAsync(console.Url, "second", Password);
        Assert.Equal(HttpStatusCode.OK, (await guard.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);

        store.SetPassword("guard", "a-new-password-5");
        store.Remove("second");
        Assert.Equal(HttpStatusCode.Unauthorized, (await guard.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_request_with_another_host_name_gets_400()
    {
        await using var console = await StartAsync();
        using var http = ConsoleLogin.Client(console.Url);
        foreach (var (host, expected) in new[] { ("rebind.evil.example", HttpStatusCode.BadRequest), ("localhost", HttpStatusCode.OK), ("console.site.example", HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/healthz", UriKind.Relative));
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == expected, $"Host {host}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_users_file_is_owner_only_and_holds_hashes_not_passwords()
    {
        var store = new ConsoleUserStore(_folder.Path);
        store.Add("guard", ConsoleRole.Operator, Password);
        store.Add("chief", ConsoleRole.Admin, "another-password-2");
        var text = File.ReadAllText(store.FilePath);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("\"password_hash\"", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(ConsoleRole.Operator, store.Verify("guard", Password)?.Role);
        Assert.Null(store.Verify("guard", "another-password-2"));
        Assert.Null(store.Verify("nobody", Password));

        store.SetPassword("guard", "a-new-password-3");
        Assert.Null(store.Verify("guard", Password));
        Assert.NotNull(store.Verify("guard", "a-new-password-3"));
        Assert.Throws<ConsoleUserException>(() => store.Add("guard", ConsoleRole.Viewer, Password));
        Assert.Throws<ConsoleUserException>(() => store.Add("short", ConsoleRole.Viewer, "short"));
        store.Remove("guard");
        Assert.Equal(["chief"], store.List().Select(u => u.Name));
    }

    [Fact]
    public async Task The_role_policies_nest_viewer_in_operator_in_admin()
    {
        await using var console = await StartAsync(withUser: false);
        var authorization = console.App.Services.GetRequiredService<IAuthorizationService>();
        static ClaimsPrincipal As(string role) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test"));
        string[] policies = [ConsolePolicies.RequireViewer, ConsolePolicies.RequireOperator, ConsolePolicies.RequireAdmin];
        foreach (var (role, allowed) in new[] { ("viewer", 1), ("operator", 2), ("admin", 3) })
        {
            for (var p = 0; p < policies.Length; p++)
            {
                var result = await authorization.AuthorizeAsync(As(role), policies[p]);
                Assert.True(result.Succeeded == p < allowed, $"{role} on {policies[p]}: {result.Succeeded}");
            }
        }
    }

    [Fact]
    public async Task The_user_verbs_add_change_list_and_remove_accounts_and_refuse_bad_input_with_exit_code_2()
    {
        var site = SiteFile(FreePort.Tcp());
        var (code, output, _) = await Cli(null, "user", "add", "chief", "--role", "admin", "--config", site);
        Assert.Equal(0, code);
        var generated = output.Split('\n').Single(l => l.StartsWith("Password: ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var store = new ConsoleUserStore(_folder.File("data"));
        Assert.Equal(ConsoleRole.Admin, store.Verify("chief", generated)?.Role);

        Assert.Equal(0, (await Cli(Password + "\n", "user", "add", "guard", "--role", "operator", "--password-stdin", "--config", site)).Code);
        Assert.NotNull(store.Verify("guard", Password));
        Assert.Equal(0, (await Cli("changed-password-4\n", "user", "passwd", "guard", "--password-stdin", "--config", site)).Code);
        Assert.NotNull(store.Verify("guard", "changed-password-4"));

        var list = JsonDocument.Parse((await Cli(null, "user", "list", "--json", "--config", site)).Out).RootElement;
        Assert.Equal(["chief:admin", "guard:operator"], list.EnumerateArray().Select(u => $"{u.GetProperty("name").GetString()}:{u.GetProperty("role").GetString()}"));

        foreach (var (args, names) in new (string[], string)[]
        {
            (["user", "add", "x", "--role", "boss"], "--role"),
            (["user", "add", "guard", "--role", "viewer"], "guard"),
            (["user", "passwd", "nobody"], "nobody"),
            (["user", "remove", "nobody"], "nobody"),
        })
        {
            var (failed, _, error) = await Cli(null, [.. args, "--config", site]);
            Assert.True(failed == 2, $"{string.Join(' ', args)}: exit {failed}");
            Assert.Contains(names, error, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await Cli(null, "user", "remove", "guard", "--config", site)).Code);
        Assert.Equal(["chief"], store.List().Select(u => u.Name));
    }

    /// <summary>A verb through the real command line; with standard input when given (the one thing WatchpostCli.Create cannot be handed).</summary>
    private static async Task<(int Code, string Out, string Err)> Cli(string? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = stdin is null ? WatchpostCli.Create() : new System.CommandLine.RootCommand { UserCommand.Create(new StringReader(stdin)) };
        var code = await root.Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string SiteFile(int port)
    {
        var path = _folder.File("watchpost.json");
        File.WriteAllText(path, $$"""
            {
              "site": { "deviceId": "login-box" },
              "mqtt": { "embeddedPort": 0 },
              "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} },
              "console": { "listen": "http://127.0.0.1:{{port}}", "publicUrl": "http://console.site.example:{{port}}" }
            }
            """);
        return path;
    }

    private async Task<RunningConsole> StartAsync(bool withUser = true)
    {
        var port = FreePort.Tcp();
        var options = WatchpostOptionsLoader.Load(SiteFile(port));
        if (withUser)
        {
            new ConsoleUserStore(options.Storage.Path).Add("guard", ConsoleRole.Viewer, Password);
        }

        var app = ApplianceHost.Build(options);
        await app.StartAsync();
        return new RunningConsole(app, $"http://127.0.0.1:{port}");
    }

    private sealed record RunningConsole(WebApplication App, string Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
