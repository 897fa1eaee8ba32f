using Microsoft.Extensions.Logging;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Gpio;

/// <summary>Follows the stored changes: a started event of a rule listed in an output's onRules pulses that relay.</summary>
internal sealed class RuleRelayTrigger(IReadOnlyList<GpioOutputOptions> outputs, IRelayController relays, ILogger logger)
{
    public async Task FollowAsync(IEventFeed feed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in feed.SubscribeAsync(cancellationToken))
            {
                if (change.Kind == EventChangeKind.Started)
                {
                    await PulseAsync(change.Event, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PulseAsync(SecurityEvent started, CancellationToken cancellationToken)
    {
        foreach (var output in outputs)
        {
            foreach (var trigger in output.OnRules.Where(t => t.Rule == started.RuleId))
            {
                try
                {
                    await relays.SetAsync(output.Name, RelayAction.Pulse, trigger.Seconds, $"rule {trigger.Rule} (event {started.Id})", cancellationToken);
                }
                catch (Exception e) when (e is KeyNotFoundException or ArgumentException or InvalidOperationException or IOException)
                {
                    // One relay that cannot be driven must not stop the others, nor the next events.
                    logger.LogError("Relay {Relay} could not be pulsed for rule {Rule}: {Reason}", output.Name, trigger.Rule, e.Message);
                }
            }
        }
    }
}
