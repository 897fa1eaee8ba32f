using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Watchpost.Hosting;
using Watchpost.WebConsole.Auth;

namespace Watchpost.WebConsole.Cameras;

/// <summary>
/// <c>GET /api/cameras/{id}/live.mjpg?width=480&amp;fps=4</c>: the camera's live view as MJPEG
/// (<c>multipart/x-mixed-replace</c>), each part one JPEG with its Content-Type and Content-Length. The camera
/// encodes pictures only while someone watches (<see cref="LiveViewRenderer"/>); the response ends when the client
/// goes or the appliance stops.
/// </summary>
public static class CameraLiveEndpoints
{
    public const int MinWidth = 80;
    public const int MaxWidth = 1920;
    public const int MaxFps = 10;
    private const string Boundary = "watchpost-frame";
    private static readonly byte[] PartEnd = "\r\n"u8.ToArray();

    public static IEndpointRouteBuilder MapCameraLive(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/cameras/{id}/live.mjpg", StreamAsync).RequireAuthorization(ConsolePolicies.RequireViewer);
        return app;
    }

    private static async Task<IResult> StreamAsync(string id, int? width, int? fps, HttpContext http, IRunningSite site, CameraLiveViews views, IHostApplicationLifetime lifetime)
    {
        var w = width ?? 480;
        var f = fps ?? 4;
        if (w is < MinWidth or > MaxWidth)
        {
            return Results.Json(new { error = $"width must be {MinWidth} to {MaxWidth} pixels, got {w}" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (f is < 1 or > MaxFps)
        {
            return Results.Json(new { error = $"fps must be 1 to {MaxFps}, got {f}" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!site.Site.Cameras.Any(c => c.Id == id && c.Enabled))
        {
            return Results.Json(new { error = $"no camera '{id}' (not in the site, or disabled)" }, statusCode: StatusCodes.Status404NotFound);
        }

        var response = http.Response;
        response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        using var viewer = views.For(id).Watch(w, f);
        try
        {
            await response.StartAsync(stop.Token);
            await response.Body.FlushAsync(stop.Token);   // the headers now: the page sees the stream open before the first picture
            while (!stop.IsCancellationRequested)
            {
                var jpeg = await viewer.NextAsync(stop.Token);
                var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
                await response.Body.WriteAsync(header, stop.Token);
                await response.Body.WriteAsync(jpeg, stop.Token);
                await response.Body.WriteAsync(PartEnd, stop.Token);
                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went, or the appliance is stopping: the stream simply ends.
        }
        catch (IOException) when (http.RequestAborted.IsCancellationRequested)
        {
        }

        return Results.Empty;
    }
}
