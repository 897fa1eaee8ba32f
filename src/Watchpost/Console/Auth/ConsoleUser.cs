namespace Watchpost.WebConsole.Auth;

/// <summary>One console account as stored: the name, the role and the password's hash (never the password).</summary>
public sealed record ConsoleUser(string Name, ConsoleRole Role, string PasswordHash, DateTimeOffset CreatedAt);
