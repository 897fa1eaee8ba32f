namespace Watchpost.Mqtt;

/// <summary>
/// One lifecycle message on <c>&lt;prefix&gt;/&lt;deviceId&gt;/events</c>, shaped like Frigate's events topic:
/// <c>{"type": "start"|"update"|"end", "event": {...}}</c>, so that a controller can set a state on "start" and
/// clear it on "end". An operator's acknowledgement, note, assignment or resolution is an "update" whose
/// <see cref="Change"/> says which.
/// </summary>
/// <param name="MessageId">Stable across re-sends, so receivers can drop duplicates.</param>
/// <param name="Type">"start", "update" or "end".</param>
/// <param name="Change">What changed: started, updated, ended, acknowledged, noted, assigned or resolved.</param>
/// <param name="At">UTC time of the change.</param>
/// <param name="Source">Where the change came from: rule, gpio, mqtt, console, cli or system.</param>
/// <param name="Operator">Who made an operator's change; null for the pipeline.</param>
/// <param name="Note">The note (or the guard assigned) that came with an operator's change.</param>
public sealed record EventLifecyclePayload(
    string MessageId,
    string DeviceId,
    string Type,
    string Change,
    DateTime At,
    string Source,
    string? Operator,
    string? Note,
    EventPayload Event);
