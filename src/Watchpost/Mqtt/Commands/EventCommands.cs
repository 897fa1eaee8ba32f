using System.Globalization;
using System.Text.Json.Nodes;
using Watchpost.Events;

namespace Watchpost.Mqtt.Commands;

/// <summary>What <see cref="AckCommand"/> and <see cref="ResolveCommand"/> share: <c>{"event_id", "operator", "note"?}</c> to the event log's operations.</summary>
internal static class EventCommands
{
    public static async Task<CommandResult> ApplyAsync(CommandRequest request, EventChangeKind kind, IEventOperations? operations, CancellationToken cancellationToken)
    {
        request.OnlyFields("event_id", "operator", "note");
        var eventId = request.RequiredId("event_id");
        var by = request.RequiredName("operator");
        if (by.Trim().Length == 0)
        {
            throw new CommandRefusedException("operator must name who it is (it is blank)");
        }

        var note = request.OptionalText("note");
        if (operations is null)
        {
            throw new CommandRefusedException("the event log takes no operator changes on this box (no event operations are registered)");
        }

        SecurityEvent stored;
        try
        {
            stored = await operations.ApplyAsync(new EventAction(kind, eventId, by.Trim(), ChangeSource.Mqtt, note), cancellationToken);
        }
        catch (EventNotFoundException e)
        {
            throw new CommandRefusedException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new CommandRefusedException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // E.g. the event is already resolved.
            throw new CommandRefusedException(e.Message);
        }

        var json = new JsonObject
        {
            ["event_id"] = stored.Id,
            ["state"] = stored.State.ToString().ToLowerInvariant(),
            ["operator"] = by.Trim(),
            ["camera"] = stored.CameraId,
            ["rule"] = stored.RuleId,
            ["started_at"] = stored.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (note is not null)
        {
            json["note"] = note;
        }

        return CommandResult.Of(json);
    }
}
