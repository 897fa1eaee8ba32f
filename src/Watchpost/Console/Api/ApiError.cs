namespace Watchpost.WebConsole.Api;

/// <summary>The body of every refused API request: <c>{"error": "what was wrong, naming the input"}</c>.</summary>
public sealed record ApiError(string Error);
