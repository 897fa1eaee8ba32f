namespace Watchpost.Mqtt;

/// <summary>How the <see cref="OutboxSender"/> paces itself.</summary>
public sealed record OutboxSenderSettings
{
    /// <summary>How often the outbox is checked without being told (messages enqueued by another process, e.g. the CLI).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an alert nobody was subscribed to waits before it is tried again the first time (sooner on a reconnect or a new subscriber); doubles with each try.</summary>
    public TimeSpan DeferNoSubscribers { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two tries of an alert nobody is subscribed to.</summary>
    public TimeSpan DeferNoSubscribersMax { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// After this long without any subscriber an alert is set aside (kept in the store, no longer sent), so that a box
    /// nobody listens to does not re-send a growing backlog for ever.
    /// </summary>
    public TimeSpan GiveUpNoSubscribers { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Wait before trying again after a send broke off (the connection's own back-off does the reconnecting).</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long stopping may take to send what is left in the outbox.</summary>
    public TimeSpan FlushOnStop { get; init; } = TimeSpan.FromSeconds(3);
}
