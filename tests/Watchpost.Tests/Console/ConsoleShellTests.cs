using System.Net;
using System.Net.Http.Headers;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Console;

/// <summary>The console's pages (one shell with its placeholders filled), its embedded assets, and the login page's language.</summary>
public sealed class ConsoleShellTests
{
    [Fact]
    public async Task Every_page_is_the_shell_with_its_page_and_language_and_the_language_cookie_wins_over_the_site()
    {
        await using var host = await ConsoleTestHost.StartAsync(language: "zh-CN");
        var (http, cookies) = await host.ClientWithCookiesAsync("viewer");
        using var _ = http;
        foreach (var (path, page) in new[] { ("/", "alerts"), ("/events", "events"), ("/events/ev-1", "event"), ("/cameras", "cameras"), ("/editor?camera=gate", "editor") })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains($"data-page=\"{page}\"", html, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        }

        host.SetLanguage(cookies, "en");
        Assert.Contains("<html lang=\"en\">", await http.GetStringAsync(new Uri("/events", UriKind.Relative)), StringComparison.Ordinal);
        host.SetLanguage(cookies, "\"><script>alert(1)</script>");
        Assert.Contains("<html lang=\"zh-CN\">", await http.GetStringAsync(new Uri("/events", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assets_are_served_with_their_type_no_cache_and_an_etag_and_unknown_or_traversing_paths_get_404()
    {
        await using var host = await ConsoleTestHost.StartAsync();
        using var http = await host.LogInAsync("viewer");
        using (var index = await http.GetAsync(new Uri("/ui/index.html", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
            Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
            Assert.True(index.Headers.CacheControl!.NoCache);
            Assert.Contains("{{page}}", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);   // the raw file
            var etag = index.Headers.ETag!;
            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/ui/index.html", UriKind.Relative));
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            using var other = new HttpRequestMessage(HttpMethod.Get, new Uri("/ui/index.html", UriKind.Relative));
            other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(other)).StatusCode);
        }

        foreach (var path in new[] { "/ui/no-such.js", "/ui/", "/ui/..%2Fwatchpost.json", "/ui/%2e%2e/%2e%2e/data/console-users.json", "/ui/.%2e/Watchpost.csproj", "/ui/a%5c..%5cindex.html", "/ui//index.html", "/ui/index.html%00" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            // 404 from the console; Kestrel itself answers 400 to a NUL in the path.
            Assert.True(response.StatusCode == HttpStatusCode.NotFound || (path.EndsWith("%00", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest), $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_login_page_speaks_the_sites_language_or_the_cookies_and_its_link_switches_and_remembers()
    {
        await using var host = await ConsoleTestHost.StartAsync(language: "zh-CN");
        var (http, cookies) = await host.ClientWithCookiesAsync(null);
        using var _ = http;
        var chinese = await http.GetStringAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("<html lang=\"zh-CN\">", chinese, StringComparison.Ordinal);
        Assert.Contains("密码", chinese, StringComparison.Ordinal);
        Assert.Contains("href=\"/login?lang=en&amp;returnUrl=%2F\"", chinese, StringComparison.Ordinal);

        var english = await http.GetStringAsync(new Uri("/login?lang=en", UriKind.Relative));
        Assert.Contains("Password", english, StringComparison.Ordinal);
        Assert.Equal("en", cookies.GetCookies(new Uri(host.Url))["watchpost_lang"]?.Value);
        Assert.Contains("<html lang=\"en\">", await http.GetStringAsync(new Uri("/login", UriKind.Relative)), StringComparison.Ordinal);

        using var wrong = await ConsoleLogin.PostLoginAsync(http, "guard", "not-the-password");
        Assert.Contains("Wrong user name or password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        host.SetLanguage(cookies, "zh-CN");
        using var wrongZh = await ConsoleLogin.PostLoginAsync(http, "guard", "not-the-password");
        Assert.Contains("用户名或密码错误", await wrongZh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
