using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.WebConsole.Api;
using Watchpost.WebConsole.Auth;

namespace Watchpost.WebConsole.Editor;

/// <summary>
/// The server side of the zone, line and mask editor (docs/console-api.md, "Site editor"), admins only: a
/// camera's layout from the site file, and its save through <see cref="SiteFileEditor"/> (validated as at
/// start-up, refused with the loader's reason) followed by the live reload of <see cref="SiteReloader"/>, so the
/// running pipeline uses the change without restarting the cameras.
/// </summary>
public static class SiteEditorEndpoints
{
    private const string NoFile = "this service runs on a site built in memory, not on a site file: there is nothing to save to";

    public static IEndpointRouteBuilder MapSiteEditor(this IEndpointRouteBuilder app)
    {
        var site = app.MapGroup("/api/site").RequireAuthorization(ConsolePolicies.RequireAdmin);
        site.MapGet("/cameras/{id}", (string id, HttpContext http) => Read(id, http.RequestServices));
        site.MapPut("/cameras/{id}", (string id, HttpContext http) => SaveAsync(id, http))
            .RequireConsoleAntiforgery();
        return app;
    }

    private static IResult Read(string id, IServiceProvider services)
    {
        var running = services.GetRequiredService<IRunningSite>().Site;
        string? notEditable = NoFile;
        CameraLayout? layout = null;
        if (services.GetService<SiteFile>() is { } file)
        {
            try
            {
                layout = new SiteFileEditor(file.Path).ReadCamera(id);
                notEditable = null;
            }
            catch (InvalidConfigurationException e)
            {
                notEditable = $"the site file does not load as it is now, so it can not be edited here: {SiteFileEditor.Problem(e)}";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                notEditable = $"the site file can not be read: {e.Message}";
            }
        }

        // Without a (loadable) file the editor shows what runs, read-only.
        layout ??= notEditable is null ? null : CameraLayout.Of(running, id, Parameters);
        return layout is null
            ? TypedResults.NotFound(new ApiError($"camera '{id}': no camera has this id"))
            : TypedResults.Ok(EditorCamera.From(layout, notEditable));
    }

    private static async Task<IResult> SaveAsync(string id, HttpContext http)
    {
        var services = http.RequestServices;
        if (services.GetService<SiteFile>() is not { } file)
        {
            return TypedResults.Conflict(new ApiError(NoFile));
        }

        CameraLayoutEdit edit;
        try
        {
            edit = CameraLayoutEdit.Parse(await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted));
        }
        catch (JsonException e)
        {
            return TypedResults.BadRequest(new ApiError($"the body is not JSON: {e.Message}"));
        }
        catch (SiteEditException e)
        {
            return TypedResults.BadRequest(new ApiError(e.Message));
        }

        var user = http.User.Identity?.Name ?? "console";
        var reloader = services.GetRequiredService<SiteReloader>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiteEditorEndpoints).FullName!);
        SiteReloadResult? reloaded = null;
        try
        {
            await new SiteFileEditor(file.Path).EditCameraAsync(id, edit, async ct => reloaded = await reloader.ReloadAsync(user, ChangeSource.Console, ct), http.RequestAborted);
        }
        catch (SiteEditException e)
        {
            return e.UnknownCamera ? TypedResults.NotFound(new ApiError(e.Message)) : TypedResults.BadRequest(new ApiError(e.Message));
        }
        catch (InvalidConfigurationException e)
        {
            logger.LogWarning("Site edit of camera {Camera} by {User} refused: {Reason}", id, user, e.Message);
            return TypedResults.Conflict(new ApiError(SiteFileEditor.Problem(e)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Site edit of camera {Camera} by {User} could not be written: {Reason}", id, user, e.Message);
            return TypedResults.Json(new ApiError($"the site file could not be written (nothing changed): {e.Message}"), statusCode: StatusCodes.Status500InternalServerError);
        }

        var summary = reloaded is null ? "nothing changed" : SiteReloader.Summary(reloaded);
        logger.LogInformation("Site edit of camera {Camera} saved by {User}: {Summary}", id, user, summary);
        return TypedResults.Ok(new EditorSummary(summary));
    }

    private static JsonObject Parameters(RuleOptions rule)
    {
        var entry = SiteFileJson.Rule(rule);
        entry.Remove("id");
        entry.Remove("type");
        return entry;
    }
}
