namespace Watchpost.Mqtt.Broker;

/// <summary>Where an account's password comes from.</summary>
public enum MqttPasswordSource
{
    /// <summary>Written in the site file (mqtt.password or mqtt.users[].password).</summary>
    SiteFile,

    /// <summary>Generated once and kept in the credentials file of the storage folder.</summary>
    Generated,

    /// <summary>To be generated, but the service has not started since the account was added (only <see cref="MqttCredentialStore.Read"/> says so).</summary>
    NotGeneratedYet,
}
