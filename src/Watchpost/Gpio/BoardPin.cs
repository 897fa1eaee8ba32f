namespace Watchpost.Gpio;

/// <summary>One usable pin of a board's header.</summary>
/// <param name="Pin">The number installers see: the header's physical pin (Jetson) or the adapter's ACBUS number (FT232H).</param>
/// <param name="Line">The line offset on the GPIO chip (what the driver opens).</param>
/// <param name="Name">The module's signal name (e.g. GPIO09).</param>
/// <param name="Soc">The SoC's name for the pad (e.g. PAC.06).</param>
public sealed record BoardPin(int Pin, int Line, string Name, string Soc);
