using System.Text.Json;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Mqtt;

/// <summary>The figures a zero-alert-loss test reports: raised, stored, delivered (distinct events), duplicates (by message id).</summary>
internal sealed record ZeroAlertLossCount(int Raised, int Stored, int Delivered, int Received, int Duplicates, IReadOnlyList<string> Missing)
{
    /// <param name="storedIds">Every event id in the log at the end.</param>
    /// <param name="received">Every alert the persistent subscriber got, duplicates included.</param>
    public static ZeroAlertLossCount Of(int raised, IReadOnlyCollection<string> storedIds, IReadOnlyList<ReceivedMessage> received)
    {
        var alerts = received.Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Select(a => (EventId: a.GetProperty("event_id").GetString()!, MessageId: a.GetProperty("message_id").GetString()!)).ToList();
        var deliveredEvents = alerts.Select(a => a.EventId).ToHashSet(StringComparer.Ordinal);
        return new ZeroAlertLossCount(
            raised,
            storedIds.Count,
            storedIds.Count(deliveredEvents.Contains),
            alerts.Count,
            alerts.Count - alerts.Select(a => a.MessageId).Distinct(StringComparer.Ordinal).Count(),
            [.. storedIds.Where(id => !deliveredEvents.Contains(id))]);
    }

    public void Print(ITestOutputHelper output, string what) =>
        output.WriteLine($"{what}: raised {Raised}, stored {Stored}, delivered {Delivered} (alerts received {Received}), duplicates {Duplicates}, missing {Missing.Count}");
}
