using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// The console's language: the operator's choice in the <see cref="CookieName"/> cookie (set by the page or the
/// login page's link) when it is one the console speaks, else the site's <c>site.language</c>.
/// </summary>
public static class ConsoleLanguage
{
    public const string CookieName = "watchpost_lang";

    public const string English = "en";

    public const string Chinese = "zh-CN";

    /// <summary>The language name as the console writes it, or null when it speaks no such language.</summary>
    public static string? Known(string? language) =>
        string.Equals(language, English, StringComparison.OrdinalIgnoreCase) ? English
        : string.Equals(language, Chinese, StringComparison.OrdinalIgnoreCase) ? Chinese
        : null;

    public static string Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Known(http.Request.Cookies[CookieName]) ?? Known(Site(http.RequestServices).Language) ?? English;
    }

    /// <summary>The site in force (a reload may change its language), or the one started with.</summary>
    internal static SiteOptions Site(IServiceProvider services) =>
        services.GetService<IRunningSite>()?.Site.Site ?? services.GetService<WatchpostOptions>()?.Site ?? new SiteOptions();

    /// <summary>Remembers the choice for a year (the page reads it; not HttpOnly, it holds nothing secret).</summary>
    internal static void Remember(HttpContext http, string language) =>
        http.Response.Cookies.Append(CookieName, language, new CookieOptions
        {
            Path = "/",
            SameSite = SameSiteMode.Strict,
            MaxAge = TimeSpan.FromDays(365),
            Secure = http.Request.IsHttps,
        });
}
