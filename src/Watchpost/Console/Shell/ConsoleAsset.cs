namespace Watchpost.WebConsole.Shell;

/// <summary>One file of the page (embedded in the executable), with its content type and a strong ETag of its bytes.</summary>
internal sealed record ConsoleAsset(string Path, byte[] Content, string ContentType, string ETag);
