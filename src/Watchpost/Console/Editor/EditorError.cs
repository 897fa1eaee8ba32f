namespace Watchpost.WebConsole.Editor;

/// <summary>The contract's error body: <c>{"error": "what was wrong, naming the input"}</c>.</summary>
internal sealed record EditorError(string Error);
