namespace Watchpost.Events;

/// <summary>
/// Which events to list, as the console and the CLI ask (see <see cref="IEventStore.QueryAsync"/>): each filter
/// left null matches everything; the result is newest first (by start time).
/// </summary>
/// <param name="Since">Events that started at or after this UTC time.</param>
/// <param name="Until">Events that started before this UTC time.</param>
/// <param name="Limit">At most this many events (1 to <see cref="MaxLimit"/>).</param>
/// <param name="Skip">Leave out this many newest matches first (paging).</param>
/// <param name="Open">Only events that are not resolved (what the console's alert screen shows).</param>
public sealed record EventQuery(
    DateTime? Since = null,
    DateTime? Until = null,
    string? CameraId = null,
    string? RuleId = null,
    string? Severity = null,
    EventState? State = null,
    int Limit = 100,
    int Skip = 0,
    bool Open = false)
{
    public const int MaxLimit = 100_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when the query cannot be run.</summary>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"limit must be 1 to {MaxLimit}");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Skip);
        if (Since is { } since && Until is { } until && EventDocuments.Utc(until) < EventDocuments.Utc(since))
        {
            throw new ArgumentException($"until ({until:O}) is before since ({since:O})", nameof(Until));
        }
    }

    /// <summary>Whether one event matches the filters (limit and skip aside).</summary>
    public bool Matches(SecurityEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Since is not { } since || e.StartedAt >= EventDocuments.Utc(since))
            && (Until is not { } until || e.StartedAt < EventDocuments.Utc(until))
            && (CameraId is null || e.CameraId == CameraId)
            && (RuleId is null || e.RuleId == RuleId)
            && (Severity is null || e.Severity == Severity)
            && (State is null || e.State == State)
            && (!Open || e.State != EventState.Resolved);
    }
}
