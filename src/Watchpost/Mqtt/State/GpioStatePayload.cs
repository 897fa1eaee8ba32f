namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>gpio/&lt;name&gt;/state</c>: one input or relay.</summary>
/// <param name="Kind">"input" or "relay".</param>
/// <param name="Active">Logical level after active-high/low: an open door, a pressed button, a relay that is on.</param>
/// <param name="State">"on" or "off" (the same as <paramref name="Active"/>, for Home Assistant).</param>
public sealed record GpioStatePayload(string Name, string Kind, int Pin, bool Active, string State, DateTime ChangedAt);
