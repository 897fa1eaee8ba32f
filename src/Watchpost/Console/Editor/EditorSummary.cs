namespace Watchpost.WebConsole.Editor;

/// <summary>The answer to a saved edit: <c>{"summary": "zones changed plaza; ..."}</c> (what the reload did).</summary>
internal sealed record EditorSummary(string Summary);
