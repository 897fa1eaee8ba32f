namespace Watchpost.Mqtt.Broker;

/// <summary>One account of the embedded broker; <see cref="Password"/> is null only when <see cref="Source"/> is NotGeneratedYet.</summary>
public sealed record MqttAccount(string Username, MqttRole Role, string? Password, MqttPasswordSource Source)
{
    /// <summary>The role as the site file and `watchpost mqtt credentials` spell it.</summary>
    public string RoleName => Role.ToString().ToLowerInvariant();

    /// <summary>Never prints the password (records print every property by default).</summary>
    public override string ToString() => $"{Username} ({RoleName})";
}
