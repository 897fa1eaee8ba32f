using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watchpost.Events;
using Watchpost.WebConsole.Api;
using Watchpost.WebConsole.Auth;
using Watchpost.WebConsole.Cameras;
using Watchpost.WebConsole.Editor;
using Watchpost.WebConsole.Live;
using Watchpost.WebConsole.Shell;

// The namespace is WebConsole, not Console, so that it does not hide System.Console inside Watchpost.
namespace Watchpost.WebConsole;

/// <summary>
/// The local console (docs/console-api.md): the page shell and its assets, the session, live changes, events,
/// cameras and status. Every endpoint requires a login (the fallback policy of <see cref="ConsoleAuthentication"/>)
/// except /healthz and /login.
/// </summary>
public static class ConsoleEndpoints
{
    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose (a load balancer or systemd probe has no login); it says only "ok".
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapConsoleLogin();
        app.MapConsoleShell();
        app.MapConsoleSession();
        app.MapConsoleStream();
        app.MapConsoleEvents();
        app.MapConsoleCameras();
        app.MapCameraLive();
        app.MapSiteEditor();   // admin
        app.MapGet("/api/status", (IStorageStatus storage) => TypedResults.Ok(StatusView.From(storage.Current)));
        return app;
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
}
