using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;

using Watchpost.WebConsole.Shell;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// Logins for the console: cookie sessions (HttpOnly, SameSite=Strict, 12 h sliding), the login page, antiforgery
/// on the login and logout forms, a rate-limited login and host filtering. Every endpoint requires a logged-in
/// user (the fallback policy) unless it says <c>AllowAnonymous</c>: only /login and /healthz do.
/// </summary>
public static class ConsoleAuthentication
{
    public const string LoginPolicy = "login";

    public const int AttemptsPerMinute = 5;

    private const string StampClaim = "watchpost_stamp";

    public static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public static IServiceCollection AddWatchpostConsoleAuthentication(this IServiceCollection services, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new ConsoleUserStore(options.Storage.Path));
        services.AddSingleton<LoginThrottle>();

        // The cookie's keys stay in the storage folder (owner only), so a restart does not log every guard out.
        var keys = Path.Combine(Path.GetFullPath(options.Storage.Path), "console-keys");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection().SetApplicationName("watchpost-console").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "watchpost_session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // the LAN console is often plain HTTP
            cookie.ExpireTimeSpan = SessionLength;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/login";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = EndStaleSessionAsync;
        });

        var viewer = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole("viewer", "operator", "admin").Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(viewer)
            .AddPolicy(ConsolePolicies.RequireViewer, viewer)
            .AddPolicy(ConsolePolicies.RequireOperator, p => p.RequireAuthenticatedUser().RequireRole("operator", "admin"))
            .AddPolicy(ConsolePolicies.RequireAdmin, p => p.RequireAuthenticatedUser().RequireRole("admin"));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "watchpost_antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.FormFieldName = "__antiforgery";
            antiforgery.HeaderName = ConsoleAntiforgery.HeaderName;   // the page's JSON requests (ConsoleAntiforgery)
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The middleware, host filter first: before routing so that a rebinding request reaches nothing.</summary>
    public static WebApplication UseWatchpostConsoleAuthentication(this WebApplication app, WatchpostOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.UseMiddleware<ConsoleHostFilter>(ConsoleHostFilter.AllowedHosts(options.Console));
        app.UseConsoleSecurityHeaders();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static IEndpointRouteBuilder MapConsoleLogin(this IEndpointRouteBuilder app)
    {
        // The login page's style sheet is the one file of the page served without a session (it holds nothing).
        app.MapGet("/login.css", (ConsoleAssets assets) => assets.Find("login.css") is { } css
            ? Results.Bytes(css.Content, css.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(css.ETag))
            : Results.NotFound()).AllowAnonymous();
        app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, ConsoleUserStore users, string? returnUrl, string? lang) =>
        {
            // The switch link: ?lang=zh-CN remembers the choice in the language cookie, as the console page does.
            if (ConsoleLanguage.Known(lang) is { } chosen)
            {
                ConsoleLanguage.Remember(http, chosen);
                return Page(http, antiforgery, users, LocalOrRoot(returnUrl), "", null, StatusCodes.Status200OK, chosen);
            }

            return Page(http, antiforgery, users, LocalOrRoot(returnUrl), "", null, StatusCodes.Status200OK);
        }).AllowAnonymous();

        app.MapPost("/login", async (HttpContext http, IAntiforgery antiforgery, ConsoleUserStore users, LoginThrottle throttle, ILoggerFactory logs) =>
        {
            if (!await IsValidFormAsync(http, antiforgery))
            {
                return Results.Text("The login form expired or did not come from this console: reload the login page.", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var name = form["username"].ToString();
            var password = form["password"].ToString();
            var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
            if (!throttle.TryAcquire(name))
            {
                return Results.Text($"Too many login attempts; wait a minute.", statusCode: StatusCodes.Status429TooManyRequests);
            }

            var user = users.Verify(name, password);
            if (user is null)
            {
                logs.CreateLogger("Watchpost.Console.Login").LogWarning("Console login refused for user {User} from {Address}", name, http.Connection.RemoteIpAddress);
                var wrong = LoginTexts.For(ConsoleLanguage.Resolve(http)).WrongPassword;
                return Page(http, antiforgery, users, returnUrl, name, string.Format(CultureInfo.InvariantCulture, wrong, name), StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, ConsoleUserStore.RoleName(user.Role)), new Claim(StampClaim, ConsoleUserStore.Stamp(user))],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(LoginPolicy);

        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await IsValidFormAsync(http, antiforgery))
            {
                return Results.Text("The logout form expired or did not come from this console: reload the page.", statusCode: StatusCodes.Status400BadRequest);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>Only a path on this console: "//evil.example" and "/\evil.example" are other hosts to a browser.</summary>
    internal static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";

    private static async Task<bool> IsValidFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return false;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>A session whose user was removed, or given another password or role, since it logged in ends now.</summary>
    private static async Task EndStaleSessionAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<ConsoleUserStore>();
        var name = context.Principal?.Identity?.Name;
        ConsoleUser? user;
        try
        {
            user = name is null ? null : users.Find(name);
        }
        catch (ConsoleUserException)
        {
            user = null;   // a damaged users file lets nobody in
        }

        if (user is null || context.Principal?.FindFirstValue(StampClaim) != ConsoleUserStore.Stamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // An API caller gets the status; a browser on a page goes to the login page and back afterwards.
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, ConsoleUserStore users, string returnUrl, string name, string? error, int status, string? language = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var t = LoginTexts.For(language ?? ConsoleLanguage.Resolve(http));
        var html = new StringBuilder("<!doctype html><html lang=\"").Append(Encode(t.Language)).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(t.Title)).Append("</title><link rel=\"stylesheet\" href=\"/login.css\"></head><body><h1>").Append(Encode(t.Heading)).Append("</h1>");
        if (error is not null)
        {
            html.Append("<p role=\"alert\" class=\"error\">").Append(Encode(error)).Append("</p>");
        }

        if (users.List().Count == 0)
        {
            html.Append("<p class=\"no-users\">").Append(t.NoUsers).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/login\">")
            .Append("<input type=\"hidden\" name=\"").Append(Encode(tokens.FormFieldName)).Append("\" value=\"").Append(Encode(tokens.RequestToken ?? "")).Append("\">")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Encode(returnUrl)).Append("\">")
            .Append("<p><label>").Append(Encode(t.User)).Append(" <input name=\"username\" autocomplete=\"username\" required value=\"").Append(Encode(name)).Append("\"></label></p>")
            .Append("<p><label>").Append(Encode(t.Password)).Append(" <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>")
            .Append("<p><button type=\"submit\">").Append(Encode(t.LogIn)).Append("</button></p></form>")
            .Append("<p class=\"language\"><a href=\"/login?lang=").Append(Uri.EscapeDataString(t.SwitchTo)).Append("&amp;returnUrl=").Append(Encode(Uri.EscapeDataString(returnUrl)))
            .Append("\" lang=\"").Append(Encode(t.SwitchTo)).Append("\">").Append(Encode(t.SwitchLabel)).Append("</a></p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
