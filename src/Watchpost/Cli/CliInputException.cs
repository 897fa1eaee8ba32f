namespace Watchpost.Cli;

/// <summary>
/// Bad input on the command line (exit code <see cref="ExitCodes.BadInput"/>). The message names the input
/// (the argument, option or file) and what was expected; it is printed as it is, without a stack trace.
/// </summary>
public sealed class CliInputException : Exception
{
    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliInputException()
    {
    }
}
