using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watchpost.WebConsole.Api;
using Watchpost.WebConsole.Auth;

namespace Watchpost.WebConsole.Shell;

/// <summary>
/// The console's pages and their assets. Every page is the same shell (index.html) with <c>{{lang}}</c> and
/// <c>{{page}}</c> filled in; the page's script reads the rest from the API. Assets are under /ui/ and, like the
/// pages, need a login. Both are sent with no-cache and an ETag, so that an update of the appliance is seen at once.
/// </summary>
public static class ConsoleShell
{
    public static IEndpointRouteBuilder MapConsoleShell(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http, ConsoleAssets assets) => Page(http, assets, "alerts"));
        app.MapGet("/events", (HttpContext http, ConsoleAssets assets) => Page(http, assets, "events"));
        app.MapGet("/events/{id}", (HttpContext http, ConsoleAssets assets) => Page(http, assets, "event"));
        app.MapGet("/cameras", (HttpContext http, ConsoleAssets assets) => Page(http, assets, "cameras"));
        app.MapGet("/editor", (HttpContext http, ConsoleAssets assets) => Page(http, assets, "editor"));
        app.MapGet("/ui/{**path}", (string? path, HttpContext http, ConsoleAssets assets) =>
        {
            if (assets.Find(path) is not { } asset)
            {
                return ApiResults.NotFound($"no console file '{path}'");
            }

            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.ETag = asset.ETag;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (http.Request.Headers.IfNoneMatch.Any(tag => tag == asset.ETag || tag == "*"))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType);
        });
        return app;
    }

    private static IResult Page(HttpContext http, ConsoleAssets assets, string page)
    {
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var html = assets.Index
            .Replace("{{lang}}", WebUtility.HtmlEncode(ConsoleLanguage.Resolve(http)), StringComparison.Ordinal)
            .Replace("{{page}}", WebUtility.HtmlEncode(page), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
