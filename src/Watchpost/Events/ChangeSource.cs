namespace Watchpost.Events;

/// <summary>Where a change came from, for the audit trail.</summary>
public enum ChangeSource
{
    /// <summary>A behaviour rule in the pipeline.</summary>
    Rule,

    /// <summary>A GPIO input (door contact, tamper, panic button).</summary>
    Gpio,

    /// <summary>An MQTT command (a building controller).</summary>
    Mqtt,

    /// <summary>The local console (a guard).</summary>
    Console,

    /// <summary>The installer's command line.</summary>
    Cli,

    /// <summary>The appliance itself (retention, recovery).</summary>
    System,
}
