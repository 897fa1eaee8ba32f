using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watchpost.Events;
using Watchpost.WebConsole.Auth;

namespace Watchpost.WebConsole.Api;

/// <summary>
/// The event log's API: search with paging, CSV, one event, its snapshot and audit trail, and the operators'
/// actions (through <see cref="IEventOperations"/>, as the MQTT commands: stored with the user and time, audited, published).
/// </summary>
public static class EventEndpoints
{
    /// <summary>The most rows of one CSV export.</summary>
    public const int MaxCsvRows = EventQuery.MaxLimit;

    private const int CsvChunk = 2000;
    private const int AuditLimit = 1000;

    public static IEndpointRouteBuilder MapConsoleEvents(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/events", SearchAsync);
        api.MapGet("/events.csv", CsvAsync);
        api.MapGet("/events/{id}", async (string id, IEventStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } found ? Results.Ok(EventView.From(found)) : NoSuchEvent(id));
        api.MapGet("/events/{id}/snapshot.jpg", async (string id, IEventStore store, CancellationToken ct) =>
            await store.OpenSnapshotAsync(id, ct) is { } jpeg ? Results.File(jpeg, "image/jpeg") : ApiResults.NotFound($"event '{id}' has no snapshot (or there is no such event)"));
        api.MapGet("/events/{id}/audit", async (string id, IEventStore store, IAuditLog audit, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is null)
            {
                return NoSuchEvent(id);
            }

            var newestFirst = await audit.ListAsync(AuditLimit, id, ct);
            return Results.Ok(newestFirst.Reverse().Select(AuditView.From));
        });

        var operate = api.MapGroup("/events/{id}").RequireAuthorization(ConsolePolicies.RequireOperator).RequireConsoleAntiforgery();
        operate.MapPost("/ack", (string id, HttpContext http, IEventOperations ops) => ApplyAsync(http, ops, EventChangeKind.Acknowledged, id));
        operate.MapPost("/note", (string id, HttpContext http, IEventOperations ops) => ApplyAsync(http, ops, EventChangeKind.Noted, id));
        operate.MapPost("/assign", (string id, HttpContext http, IEventOperations ops) => ApplyAsync(http, ops, EventChangeKind.Assigned, id));
        operate.MapPost("/resolve", (string id, HttpContext http, IEventOperations ops) => ApplyAsync(http, ops, EventChangeKind.Resolved, id));
        return app;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, IEventStore store, CancellationToken ct)
    {
        var (search, error) = EventSearch.Parse(http.Request.Query);
        if (search is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var events = await store.QueryAsync(search.Query, ct);
        var items = events.Select(EventView.From).ToList();
        if (search.Legacy)
        {
            return Results.Ok(items);
        }

        return Results.Ok(new EventPage(items, await store.CountAsync(search.Query, ct), search.Page, search.Size));
    }

    private static async Task<IResult> CsvAsync(HttpContext http, IEventStore store, TimeProvider time, CancellationToken ct)
    {
        var (search, error) = EventSearch.Parse(http.Request.Query);
        if (search is null)
        {
            return ApiResults.BadRequest(error!);
        }

        // Read in chunks with the end pinned to now, so that a long export neither holds 100,000 events in memory
        // nor repeats a row when new events arrive meanwhile.
        var now = time.GetUtcNow().UtcDateTime;
        var query = search.Query with { Until = search.Query.Until is { } until && until < now ? until : now.AddMilliseconds(1), Skip = 0, Limit = CsvChunk };
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"watchpost-events-{now:yyyyMMdd-HHmmss}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        var line = new StringBuilder(EventCsv.Header).Append("\r\n");
        await http.Response.WriteAsync(line.ToString(), Encoding.UTF8, ct);
        for (var written = 0; written < MaxCsvRows;)
        {
            var chunk = await store.QueryAsync(query with { Skip = written, Limit = Math.Min(CsvChunk, MaxCsvRows - written) }, ct);
            line.Clear();
            foreach (var e in chunk)
            {
                EventCsv.AppendRow(line, e);
            }

            await http.Response.WriteAsync(line.ToString(), Encoding.UTF8, ct);
            written += chunk.Count;
            if (chunk.Count < CsvChunk)
            {
                break;
            }
        }

        return Results.Empty;
    }

    private static async Task<IResult> ApplyAsync(HttpContext http, IEventOperations ops, EventChangeKind kind, string id)
    {
        var (body, refusal) = await ApiResults.ReadBodyAsync(http, kind is EventChangeKind.Acknowledged or EventChangeKind.Resolved ? new OperationRequest() : null);
        if (body is null)
        {
            return refusal!;
        }

        var note = body.Note;
        if (kind == EventChangeKind.Noted && string.IsNullOrWhiteSpace(note))
        {
            return ApiResults.BadRequest("note is required (the text of the note)");
        }

        if (kind == EventChangeKind.Assigned)
        {
            if (string.IsNullOrWhiteSpace(body.Guard))
            {
                return ApiResults.BadRequest("guard is required (the console user to assign the event to; see /api/guards)");
            }

            var users = http.RequestServices.GetService(typeof(ConsoleUserStore)) as ConsoleUserStore;
            if (users?.Find(body.Guard.Trim()) is null)
            {
                return ApiResults.BadRequest($"guard '{body.Guard}' is not a console user (see /api/guards)");
            }

            note = body.Guard.Trim();
        }

        try
        {
            var changed = await ops.ApplyAsync(new EventAction(kind, id, http.User.Identity?.Name ?? "", ChangeSource.Console, note), http.RequestAborted);
            return Results.Ok(EventView.From(changed));
        }
        catch (EventNotFoundException)
        {
            return NoSuchEvent(id);
        }
        catch (ArgumentException e)
        {
            return ApiResults.BadRequest(e.Message);
        }
    }

    private static IResult NoSuchEvent(string id) => ApiResults.NotFound($"no event with id '{id}' in the event log");
}
