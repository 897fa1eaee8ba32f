using Watchpost.Events;

namespace Watchpost.WebConsole.Live;

/// <summary>The data of one <c>change</c> message of GET /api/stream: the change's number, kind, time, who, note and the event after it.</summary>
public sealed record ChangeView(long Seq, EventChangeKind Kind, DateTime At, string? Operator, string? Note, EventView Event);
