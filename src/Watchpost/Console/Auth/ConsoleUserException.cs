namespace Watchpost.WebConsole.Auth;

/// <summary>Bad input to the users file (unknown role, existing or missing user) or a file that cannot be read or written.</summary>
public sealed class ConsoleUserException(string message, Exception? inner = null) : Exception(message, inner);
