using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watchpost.WebConsole.Auth;

namespace Watchpost.WebConsole.Api;

/// <summary>GET /api/session (who, which language, the site, the antiforgery token) and GET /api/guards.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapConsoleSession(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/session", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var site = ConsoleLanguage.Site(http.RequestServices);
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";   // it carries the antiforgery token
            var role = http.User.FindFirstValue(ClaimTypes.Role) ?? "viewer";
            return TypedResults.Ok(new SessionView(
                http.User.Identity?.Name ?? "", role, ConsoleLanguage.Resolve(http), site.TimeZone, site.Name, site.DeviceId,
                tokens.RequestToken ?? "", role is "operator" or "admin", role == "admin"));
        });
        api.MapGet("/guards", (ConsoleUserStore users) =>
            TypedResults.Ok(users.List().OrderBy(u => u.Name, StringComparer.Ordinal).Select(u => new GuardView(u.Name, ConsoleUserStore.RoleName(u.Role)))));
        return app;
    }
}
