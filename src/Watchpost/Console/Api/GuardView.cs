namespace Watchpost.WebConsole.Api;

/// <summary>A console user an event can be assigned to (GET /api/guards).</summary>
public sealed record GuardView(string Name, string Role);
