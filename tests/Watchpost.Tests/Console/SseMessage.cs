namespace Watchpost.Tests.Console;

/// <summary>One Server-Sent Events message as <see cref="SseReader"/> read it.</summary>
internal sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment);
