namespace Watchpost.Gpio;

/// <summary>The board's GPIO chip cannot be opened on this machine; GPIO runs off and the rest of the service goes on.</summary>
public sealed class GpioUnavailableException : Exception
{
    public GpioUnavailableException(string message)
        : base(message)
    {
    }

    public GpioUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GpioUnavailableException()
    {
    }
}
