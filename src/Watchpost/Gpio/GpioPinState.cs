namespace Watchpost.Gpio;

/// <summary>One input or relay.</summary>
/// <param name="Name">The configured name, e.g. "lobby-door" or "siren".</param>
/// <param name="Kind">"input" or "relay".</param>
/// <param name="Active">Logical state after active-high/low: an open door, a pressed button, a relay that is on.</param>
/// <param name="ChangedAt">UTC time of the last change.</param>
public sealed record GpioPinState(string Name, string Kind, int Pin, bool Active, DateTime ChangedAt);
