namespace Watchpost.Cli;

/// <summary>One row of <c>watchpost model list</c>; <see cref="Path"/> is null when the model is not fetched.</summary>
internal sealed record ModelListEntry(string Name, string File, string Input, string Layout, string Licence, string? Path);
