namespace Watchpost.Events;

/// <summary>An operator's note on an event.</summary>
/// <param name="At">UTC time the note was written.</param>
public sealed record EventNote(DateTime At, string Operator, string Text);
