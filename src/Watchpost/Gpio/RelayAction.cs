namespace Watchpost.Gpio;

public enum RelayAction
{
    On,
    Off,

    /// <summary>On for a number of seconds, then off.</summary>
    Pulse,
}
