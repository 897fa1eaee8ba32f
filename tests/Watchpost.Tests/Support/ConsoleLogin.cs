using System.Net;
using System.Text.RegularExpressions;

namespace Watchpost.Tests.Support;

/// <summary>A browser-like client of the console: it keeps cookies, and logs in through the login form with its antiforgery token.</summary>
internal static partial class ConsoleLogin
{
    /// <summary>A client with cookies that does not follow redirects, so that a test sees them.</summary>
    public static HttpClient Client(string baseUrl) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(baseUrl) };

    /// <summary>The hidden antiforgery token of the form on a page (the login page, or a page's logout form).</summary>
    public static string Token(string html) => TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no antiforgery field on the page");

    /// <summary>Posts the login form as a browser would; returns the response (302 on success).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string user, string password, string? returnUrl = null, bool withToken = true)
    {
        var page = await http.GetStringAsync(new Uri("/login", UriKind.Relative));
        var fields = new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl ?? "/" };
        if (withToken)
        {
            fields["__antiforgery"] = Token(page);
        }

        using var form = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri("/login", UriKind.Relative), form);
    }

    /// <summary>A logged-in client, or an exception when the login is refused.</summary>
    public static async Task<HttpClient> LoggedInAsync(string baseUrl, string user, string password)
    {
        var http = Client(baseUrl);
        using var response = await PostLoginAsync(http, user, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            http.Dispose();
            throw new InvalidOperationException($"login of {user} refused: {(int)response.StatusCode}");
        }

        return http;
    }

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
