namespace Watchpost.Mqtt.Broker;

/// <summary>What an account of the embedded broker may do (see <see cref="MqttAccessPolicy"/>).</summary>
public enum MqttRole
{
    /// <summary>The appliance itself: publishes alerts, events, state, availability and command results.</summary>
    Appliance,

    /// <summary>A building controller: subscribes to the appliance's topics and publishes commands.</summary>
    Controller,

    /// <summary>Subscribes only.</summary>
    Viewer,
}
