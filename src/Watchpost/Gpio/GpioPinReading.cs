namespace Watchpost.Gpio;

/// <summary>One configured pin as read now, for `watchpost gpio list`.</summary>
/// <param name="Kind">"input" or "relay".</param>
/// <param name="High">The electrical level of the line.</param>
/// <param name="Active">The logical state (after active-low): an open door, a relay that is on.</param>
internal sealed record GpioPinReading(string Name, string Kind, BoardPin Pin, bool High, bool Active);
