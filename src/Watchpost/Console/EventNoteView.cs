namespace Watchpost.WebConsole;

/// <summary>An operator's note as the API shows it: <c>{"at", "by", "text"}</c>.</summary>
public sealed record EventNoteView(DateTime At, string By, string Text);
