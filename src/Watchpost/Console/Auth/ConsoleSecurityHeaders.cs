using Microsoft.AspNetCore.Builder;

namespace Watchpost.WebConsole.Auth;

/// <summary>
/// Headers on every console response that keep the page's own code the only code it runs: scripts and styles from
/// the appliance only (no inline script, so an injected note could not run even if encoding failed), no framing
/// (clickjacking of the acknowledge button), no referrer leaving the box, no MIME sniffing of snapshots.
/// </summary>
public static class ConsoleSecurityHeaders
{
    internal const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseConsoleSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return next(http);
        });
        return app;
    }
}
