namespace Watchpost.WebConsole.Api;

/// <summary>The body of POST /api/events/{id}/ack, note, assign and resolve: the note, or the guard for assign.</summary>
public sealed record OperationRequest(string? Note = null, string? Guard = null);
