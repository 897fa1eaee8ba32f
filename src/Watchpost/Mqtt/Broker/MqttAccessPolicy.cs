namespace Watchpost.Mqtt.Broker;

/// <summary>
/// Who may publish and subscribe to what on the embedded broker. The appliance may do anything (it also answers
/// on the response topics that MQTT 5 clients name). A controller may subscribe under the topic prefix and
/// <c>homeassistant/</c>, and publish only commands: <c>&lt;prefix&gt;/&lt;device&gt;/cmd/&lt;verb&gt;</c>, not
/// retained (a retained command would run again each time the appliance reconnects). A viewer subscribes only.
/// So alerts, events, state, availability, command results and discovery come from the appliance alone.
/// </summary>
public sealed class MqttAccessPolicy
{
    public const string HomeAssistantPrefix = "homeassistant";

    private readonly string _topicPrefix;
    private readonly string _commandPrefix;

    public MqttAccessPolicy(string topicPrefix, string deviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        _topicPrefix = topicPrefix;
        _commandPrefix = $"{topicPrefix}/{deviceId}/cmd/";
        ApplianceClientId = $"watchpost-{deviceId}";
    }

    /// <summary>The appliance's client id (as <see cref="MqttConnectionSettings.ClientId"/>): no other account may connect with it.</summary>
    public string ApplianceClientId { get; }

    /// <summary>Why <paramref name="account"/> may not connect as <paramref name="clientId"/>, or null when it may.</summary>
    public string? RefuseClientId(MqttAccount account, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Role != MqttRole.Appliance && string.Equals(clientId, ApplianceClientId, StringComparison.Ordinal)
            ? $"client id '{ApplianceClientId}' is the appliance's own"
            : null;
    }

    /// <summary>Why <paramref name="account"/> may not publish to <paramref name="topic"/>, or null when it may.</summary>
    public string? RefusePublish(MqttAccount account, string topic, bool retain)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(topic);
        switch (account.Role)
        {
            case MqttRole.Appliance:
                return null;
            case MqttRole.Viewer:
                return "a viewer may not publish";
            default:
                if (!IsCommand(topic))
                {
                    return $"a controller may publish only commands ({_commandPrefix}<verb>)";
                }

                return retain ? "commands must not be retained" : null;
        }
    }

    /// <summary>Why <paramref name="account"/> may not subscribe to <paramref name="topicFilter"/>, or null when it may.</summary>
    public string? RefuseSubscribe(MqttAccount account, string topicFilter)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(topicFilter);
        if (account.Role == MqttRole.Appliance)
        {
            return null;
        }

        // Only filters that cannot match outside the two trees ('#' or '+/...' could).
        return topicFilter.StartsWith(_topicPrefix + "/", StringComparison.Ordinal)
            || topicFilter.StartsWith(HomeAssistantPrefix + "/", StringComparison.Ordinal)
                ? null
                : $"subscriptions must be under '{_topicPrefix}/' or '{HomeAssistantPrefix}/'";
    }

    /// <summary>
    /// <c>&lt;prefix&gt;/&lt;device&gt;/cmd/&lt;verb&gt;</c> with one non-empty level for the verb (so not
    /// <c>cmd/&lt;verb&gt;/result</c>), or Home Assistant's rule switch <c>cmd/arming/&lt;rule&gt;</c>.
    /// </summary>
    private bool IsCommand(string topic)
    {
        if (topic.Length <= _commandPrefix.Length || !topic.StartsWith(_commandPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var verb = topic.AsSpan(_commandPrefix.Length);
        if (verb.StartsWith(ArmingSwitchLevel, StringComparison.Ordinal))
        {
            var rule = verb[ArmingSwitchLevel.Length..];
            return rule.Length > 0 && rule.IndexOf('/') < 0;
        }

        return verb.IndexOf('/') < 0;
    }

    private const string ArmingSwitchLevel = "arming/";
}
