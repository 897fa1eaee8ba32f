namespace Watchpost.Events;

/// <summary>A snapshot to render and attach to an event already stored; owns the candidate (and its frame).</summary>
/// <param name="IsStart">The event's first snapshot (attached as it is); otherwise a step's view, attached only when better than the stored one.</param>
internal sealed record SnapshotJob(EventCandidate Candidate, string EventId, bool IsStart);
