using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Watchpost.WebConsole.Api;

namespace Watchpost.WebConsole.Live;

/// <summary>
/// GET /api/stream: the event log's changes as Server-Sent Events (docs/console-api.md, "Live changes"), from
/// <see cref="LiveChanges"/>. The response ends when the console goes away, when it is dropped for not reading
/// (after a reset) and when the host stops, which it never holds up.
/// </summary>
public static class StreamEndpoints
{
    private static readonly ReadOnlyMemory<byte> Preamble = Encoding.UTF8.GetBytes("retry: 3000\n\n");

    public static IEndpointRouteBuilder MapConsoleStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stream", StreamAsync);
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext http, LiveChanges live, IHostApplicationLifetime lifetime)
    {
        // A reconnecting browser sends Last-Event-ID; the page's first connection may say ?after=. The header is newer.
        var asked = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? ("Last-Event-ID", header)
            : http.Request.Query["after"].ToString() is { Length: > 0 } query ? ("after", query)
            : (null, null);
        long? after = null;
        if (asked.Item2 is { } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return ApiResults.BadRequest($"{asked.Item1} '{text}' is not a change number (a whole number of 0 or more)");
            }

            after = n;
        }

        var subscriber = live.Subscribe(after);
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            var ct = stop.Token;
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no";   // a reverse proxy must not hold the messages back
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var body = http.Response.Body;
            await body.WriteAsync(Preamble, ct);
            foreach (var frame in subscriber.First)
            {
                await body.WriteAsync(frame.Bytes, ct);
            }

            await body.FlushAsync(ct);
            while (await subscriber.Reader.WaitToReadAsync(ct))
            {
                while (subscriber.Reader.TryRead(out var frame))
                {
                    await body.WriteAsync(frame.Bytes, ct);
                }

                await body.FlushAsync(ct);
            }

            if (subscriber.Overrun)
            {
                await body.WriteAsync(live.ResetFrame().Bytes, ct);
                await body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The console went away or the host is stopping: the response simply ends.
        }
        finally
        {
            live.Unsubscribe(subscriber);
        }

        return Results.Empty;
    }
}
