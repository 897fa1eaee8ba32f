using System.Net;
using System.Text.Json;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Mqtt;

/// <summary>Turns a stored event into the alert message for the outbox: payload, topic, QoS 1, not retained.</summary>
public sealed class AlertMessageFactory
{
    public AlertMessageFactory(MqttOptions mqtt, SiteOptions site, ConsoleOptions console)
        : this(mqtt.TopicPrefix, site.DeviceId, console.PublicUrl ?? console.Listen)
    {
    }

    /// <param name="publicBaseUrl">How operators reach this box's console (alerts link to it).</param>
    public AlertMessageFactory(string topicPrefix, string deviceId, string publicBaseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        DeviceId = deviceId;
        AlertTopic = MqttTopics.Alerts(topicPrefix, deviceId);
        PublicBaseUrl = ReachableBaseUrl(publicBaseUrl);
    }

    public string DeviceId { get; }

    public string AlertTopic { get; }

    /// <summary>The console's base URL without a trailing slash.</summary>
    public string PublicBaseUrl { get; }

    public string EventUrl(string eventId) => $"{PublicBaseUrl}/events/{Uri.EscapeDataString(eventId)}";

    public string SnapshotUrl(string eventId) => $"{PublicBaseUrl}/api/events/{Uri.EscapeDataString(eventId)}/snapshot.jpg";

    /// <summary>The alert for <paramref name="securityEvent"/> with a new message id, ready for the outbox.</summary>
    /// <param name="frameReceivedAt">When the triggering frame was read, for the latency figures.</param>
    public OutboxMessage Create(SecurityEvent securityEvent, DateTime? frameReceivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        var messageId = Guid.CreateVersion7().ToString("N");
        var payload = JsonSerializer.SerializeToUtf8Bytes(CreatePayload(securityEvent, messageId), AlertJsonContext.Default.AlertPayload);
        return new OutboxMessage(0, messageId, AlertTopic, payload, QualityOfService: 1, Retain: false, Attempts: 0,
            CreatedAt: UtcTime.ToMilliseconds(DateTimeOffset.UtcNow),
            FrameReceivedAt: frameReceivedAt is { } received ? UtcTime.ToMilliseconds(received) : null, EventId: securityEvent.Id);
    }

    public AlertPayload CreatePayload(SecurityEvent e, string messageId)
    {
        ArgumentNullException.ThrowIfNull(e);
        var box = e.BoxArray.Select(v => MathF.Round(v, 1)).ToArray();
        return new AlertPayload(
            MessageId: messageId,
            EventId: e.Id,
            DeviceId: DeviceId,
            Type: e.Type,
            Rule: e.RuleId,
            Severity: e.Severity,
            Camera: e.CameraId,
            Zone: e.ZoneId,
            StartedAt: e.StartedAt,
            Target: new AlertObject(e.ClassName, e.TrackId, MathF.Round(e.Score, 3), box),
            Details: e.Details,
            EventUrl: EventUrl(e.Id),
            SnapshotUrl: e.SnapshotId is null ? null : SnapshotUrl(e.Id));
    }

    /// <summary>A listen address such as http://0.0.0.0:8080 is not a place to link to: use the host name instead.</summary>
    private static string ReachableBaseUrl(string url)
    {
        var trimmed = url.Trim().TrimEnd('/');
        if (!Uri.TryCreate(trimmed.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"console.publicUrl (or console.listen) '{url}' is not an absolute URL such as http://10.0.0.9:8080.", nameof(url));
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            var builder = new UriBuilder(uri) { Host = Dns.GetHostName() };
            return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        return trimmed;
    }
}
