using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watchpost.Configuration;

namespace Watchpost.Events;

/// <summary>
/// Keeps the event log within storage.retainDays and storage.maxSizeGb: at start and every few minutes, it removes
/// old events, then the oldest while the file is over the budget, never one whose alert is still in the outbox.
/// </summary>
public sealed class EventRetention(LiteDbEventStore store, StorageOptions storage, ILogger<EventRetention> logger, TimeProvider? time = null)
    : BackgroundService
{
    /// <summary>One gigabyte of storage.maxSizeGb, in bytes (GiB: what `du -h` shows as G).</summary>
    public const long BytesPerGb = 1L << 30;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    public long MaxBytes => (long)(storage.MaxSizeGb * BytesPerGb);

    /// <summary>One pass, as the service runs it; logs what it removed.</summary>
    public Task<RetentionResult> RunOnceAsync(CancellationToken cancellationToken = default) => Task.Run(() =>
    {
        var result = store.ApplyRetention(_time.GetUtcNow().UtcDateTime.AddDays(-storage.RetainDays), MaxBytes, cancellationToken);
        if (result.Removed > 0)
        {
            logger.LogInformation(
                "Retention removed {ByAge} events older than {Days} days and {BySize} oldest for size ({Before} -> {After} bytes, budget {Budget}); kept {Kept} whose alerts are not delivered yet",
                result.ByAge, storage.RetainDays, result.BySize, result.BytesBefore, result.BytesAfter, MaxBytes, result.KeptForOutbox);
            store.RecordAsync(new AuditEntry(_time.GetUtcNow().UtcDateTime, "watchpost", ChangeSource.System, "retention", "events",
                $"removed {result.ByAge} by age, {result.BySize} by size"), cancellationToken).GetAwaiter().GetResult();
        }

        if (result.OverBudget)
        {
            logger.LogWarning(
                "The event database is {Bytes} bytes, over storage.maxSizeGb ({Budget} bytes), and the {Kept} events left to remove wait for their alerts to be delivered",
                result.BytesAfter, MaxBytes, result.KeptForOutbox);
        }

        return result;
    }, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Retention failing must not stop the service; the next pass tries again.
                logger.LogError(e, "Event retention failed: {Message}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
