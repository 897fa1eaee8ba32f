using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.WebConsole.Auth;

// The namespace is WebConsole, not Console, so that it does not hide System.Console inside Watchpost.
namespace Watchpost.WebConsole;

/// <summary>
/// The first cut of the local console: the event pages and snapshots that alerts link to, the event list,
/// camera status and a health check. (The live alert console with acknowledgements builds on these.) Every one
/// requires a login (the fallback policy of <see cref="ConsoleAuthentication"/>) except /healthz and /login.
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose (a load balancer or systemd probe has no login); it says only "ok".
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapConsoleLogin();
        Editor.SiteEditorEndpoints.MapSiteEditor(app);   // the site editor (admin)

        var api = app.MapGroup("/api");
        api.MapGet("/cameras", (CameraSupervisor cameras) => TypedResults.Ok(cameras.Status()));
        api.MapGet("/cameras/{id}/snapshot.jpg", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (string id, IRunningSite site, CameraSnapshots snapshots, CancellationToken ct) =>
        {
            // The camera's next frame, encoded by its pipeline (the `snapshot` command's reply links here).
            if (!site.Site.Cameras.Any(c => c.Id == id && c.Enabled))
            {
                return TypedResults.NotFound();
            }

            return await snapshots.CaptureAsync(id, TimeSpan.FromSeconds(5), ct) is { } jpeg
                ? TypedResults.File(jpeg, "image/jpeg")
                : TypedResults.Problem($"camera '{id}' gave no frame within 5 s (it is offline or reconnecting)", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        api.MapGet("/events", async (IEventStore store, int? limit, string? camera, CancellationToken ct) =>
            TypedResults.Ok((await store.ListRecentAsync(Math.Clamp(limit ?? 50, 1, 500), camera, ct)).Select(EventView.From)));
        api.MapGet("/events/{id}", async Task<Results<Ok<EventView>, NotFound>> (string id, IEventStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } found ? TypedResults.Ok(EventView.From(found)) : TypedResults.NotFound());
        api.MapGet("/events/{id}/snapshot.jpg", async Task<Results<FileStreamHttpResult, NotFound>> (string id, IEventStore store, CancellationToken ct) =>
            await store.OpenSnapshotAsync(id, ct) is { } jpeg ? TypedResults.File(jpeg, "image/jpeg") : TypedResults.NotFound());

        app.MapGet("/events/{id}", async Task<Results<ContentHttpResult, NotFound>> (string id, IEventStore store, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } found ? TypedResults.Content(EventPage(found, ConsoleAuthentication.LogoutForm(http, antiforgery)), "text/html; charset=utf-8") : TypedResults.NotFound());
        api.MapGet("/status", (IStorageStatus storage) => TypedResults.Ok(storage.Current));
        app.MapGet("/", async (IEventStore store, IStorageStatus storage, HttpContext http, IAntiforgery antiforgery, CancellationToken ct) =>
            TypedResults.Content(EventListPage(await store.ListRecentAsync(50, null, ct), storage.Current, ConsoleAuthentication.LogoutForm(http, antiforgery)), "text/html; charset=utf-8"));
        return app;
    }

    private static string EventPage(SecurityEvent e, string logout)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Watchpost event</title></head><body>").Append(logout);
        html.Append("<h1>").Append(Encode($"{e.Type} on {e.CameraId}")).Append("</h1><dl>");
        foreach (var (term, value) in EventView.From(e).Fields())
        {
            html.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>");
        }

        html.Append("</dl>");
        if (e.SnapshotId is not null)
        {
            html.Append("<img alt=\"snapshot\" src=\"/api/events/").Append(Encode(e.Id)).Append("/snapshot.jpg\">");
        }

        return html.Append("<p><a href=\"/\">All events</a></p></body></html>").ToString();
    }

    private static string EventListPage(IReadOnlyList<SecurityEvent> events, StorageStatus storage, string logout)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Watchpost events</title></head><body>").Append(logout);
        foreach (var problem in StorageProblems(storage))
        {
            // Loud on purpose: a guard must see that the log was reset or that snapshots are being dropped.
            html.Append("<p role=\"alert\" class=\"banner\" style=\"background:#b00020;color:#fff;padding:.75em;font-weight:bold\">")
                .Append(Encode(problem)).Append("</p>");
        }

        html.Append("<h1>Events</h1><ul>");
        foreach (var e in events)
        {
            html.Append("<li><a href=\"/events/").Append(Encode(e.Id)).Append("\">")
                .Append(Encode($"{e.StartedAt:yyyy-MM-dd HH:mm:ss}Z {e.Type} {e.CameraId}/{e.ZoneId} {e.ClassName} #{e.TrackId}"))
                .Append("</a></li>");
        }

        return html.Append("</ul></body></html>").ToString();
    }

    /// <summary>What is wrong with the event log, in words for the banner; empty when all is well.</summary>
    internal static IEnumerable<string> StorageProblems(StorageStatus storage)
    {
        if (storage.Database != "ok")
        {
            yield return $"Event database {storage.Database}: {storage.DatabaseMessage}";
        }

        if (storage.DiskFull)
        {
            yield return $"Storage disk is full ({storage.FreeBytes / (1024 * 1024)} MB free): {storage.SnapshotsDropped} snapshot(s) dropped, {storage.HeldInMemory} event(s) held in memory; alerts still go out.";
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
