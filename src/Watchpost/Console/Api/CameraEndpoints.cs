using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Mqtt.Commands;
using Watchpost.WebConsole.Auth;

namespace Watchpost.WebConsole.Api;

/// <summary>
/// The cameras (state, frame rate, counters, their rules' arming), a camera's next frame, and arming / disarming
/// through the same <see cref="ArmingService"/> as the MQTT commands, audited with the console as the source.
/// </summary>
public static class CameraEndpoints
{
    public static IEndpointRouteBuilder MapConsoleCameras(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/cameras", (ICameraStatusProvider cameras, ArmingService arming, TimeProvider time) =>
        {
            var rules = arming.States(time.GetUtcNow()).Select(RuleStateView.From).ToList();
            return TypedResults.Ok(cameras.Status().Select(c => CameraView.From(c, [.. rules.Where(r => r.Camera == c.Id)])));
        });
        api.MapGet("/cameras/{id}/snapshot.jpg", async (string id, IRunningSite site, CameraSnapshots snapshots, CancellationToken ct) =>
        {
            // The camera's next frame, encoded by its pipeline (the `snapshot` command's reply links here).
            if (!site.Site.Cameras.Any(c => c.Id == id && c.Enabled))
            {
                return ApiResults.NotFound($"no enabled camera with id '{id}'");
            }

            return await snapshots.CaptureAsync(id, TimeSpan.FromSeconds(5), ct) is { } jpeg
                ? Results.File(jpeg, "image/jpeg")
                : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"camera '{id}' gave no frame within 5 s (it is offline or reconnecting)");
        });
        api.MapPost("/arming", ArmAsync).RequireAuthorization(ConsolePolicies.RequireOperator).RequireConsoleAntiforgery();
        return app;
    }

    private static async Task<IResult> ArmAsync(HttpContext http, ArmingService arming, TimeProvider time, ILoggerFactory logs, IAuditLog? audit = null)
    {
        var (body, refusal) = await ApiResults.ReadBodyAsync<ArmingRequest>(http);
        if (body is null)
        {
            return refusal!;
        }

        var arm = body.Action switch
        {
            "arm" => true,
            "disarm" => false,
            _ => (bool?)null,
        };
        if (arm is null)
        {
            return ApiResults.BadRequest($"action '{body.Action}' is not arm or disarm");
        }

        if (body.Scope is not ("everything" or "camera" or "zone" or "line" or "rule") || ArmingTarget.ParseScope(body.Scope) is not { } scope)
        {
            return ApiResults.BadRequest($"scope '{body.Scope}' is not one of everything, camera, zone, line, rule");
        }

        if (scope != ArmingScope.Everything && string.IsNullOrWhiteSpace(body.Id))
        {
            return ApiResults.BadRequest($"id is required for scope '{body.Scope}' (the {body.Scope}'s id in the site file)");
        }

        var target = scope == ArmingScope.Everything ? ArmingTarget.Everything : new ArmingTarget(scope, body.Id!.Trim());
        var by = http.User.Identity?.Name ?? "";
        var reason = body.Reason ?? "";
        var result = arm.Value ? arming.Arm(target, by, reason) : arming.Disarm(target, by, reason);
        if (result.Succeeded && result.Changed && audit is not null)
        {
            try
            {
                await audit.RecordAsync(new AuditEntry(time.GetUtcNow().UtcDateTime, result.By, ChangeSource.Console, result.Arm ? "arm" : "disarm",
                    ArmingCommands.Name(result.Target), result.Reason.Length > 0 ? result.Reason : null), http.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The change is in force; a missing audit line must not make the answer say it failed.
                logs.CreateLogger("Watchpost.Console.Arming").LogError("Could not write the audit line for the {Action} of {Target} by {By}: {Reason}",
                    result.Arm ? "arm" : "disarm", ArmingCommands.Name(result.Target), result.By, e.Message);
            }
        }

        var view = new ArmingView(result.Succeeded, result.Error, result.Changed, result.Message,
            [.. arming.States(time.GetUtcNow()).Select(RuleStateView.From)]);
        return Results.Json(view, statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }
}
