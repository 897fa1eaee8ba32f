namespace Watchpost.Mqtt.Commands;

/// <summary>A command that is not carried out; the message is the reply's "error" (what was wrong, what was expected).</summary>
public sealed class CommandRefusedException : Exception
{
    public CommandRefusedException(string message)
        : base(message)
    {
    }

    public CommandRefusedException()
        : base("the command was refused")
    {
    }

    public CommandRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
