namespace Watchpost.Mqtt;

/// <summary>How the <see cref="OutboxSender"/> paces itself.</summary>
public sealed record OutboxSenderSettings
{
    /// <summary>How often the outbox is checked without being told (messages enqueued by another process, e.g. the CLI).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an alert nobody was subscribed to waits before it is tried again (sooner on a reconnect).</summary>
    public TimeSpan DeferNoSubscribers { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before trying again after a send broke off (the connection's own back-off does the reconnecting).</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long stopping may take to send what is left in the outbox.</summary>
    public TimeSpan FlushOnStop { get; init; } = TimeSpan.FromSeconds(3);
}
