using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Events;

namespace Watchpost.Gpio;

/// <summary>What an input's change hands to the event recorder: an event without a frame, of rule gpio:&lt;name&gt;.</summary>
internal static class GpioInputEvent
{
    /// <summary>The event types by input kind (a door's event says what happened: it opened).</summary>
    public static string Type(string kind) => kind == "door" ? "door_open" : kind;

    /// <param name="active">True: the input became active (the event starts); false: it returned (the event ends).</param>
    public static EventCandidate Candidate(GpioInputOptions input, BoardPin pin, string eventId, bool active, DateTimeOffset startedAt, DateTimeOffset now) =>
        new(null)
        {
            EventId = eventId,
            Phase = active ? EventPhase.Started : EventPhase.Ended,
            Type = Type(input.Kind),
            RuleId = "gpio:" + input.Name,
            Severity = input.Severity,
            CameraId = input.Camera ?? "gpio",
            ClassName = "gpio",
            TrackId = null,
            Score = 1,
            Box = default(BoundingBox),
            StreamTimestamp = TimeSpan.Zero,
            StartedAt = startedAt,
            FrameReceivedAt = now,
            Details = new Dictionary<string, object>
            {
                ["input"] = input.Name,
                ["pin"] = (long)pin.Pin,
                ["active_low"] = input.ActiveLow,
            },
        };
}
