namespace Watchpost.WebConsole.Api;

/// <summary>One page of the event log (GET /api/events): the events, newest first, and how many match in all.</summary>
public sealed record EventPage(IReadOnlyList<EventView> Items, int Total, int Page, int Size);
