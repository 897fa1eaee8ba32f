namespace Watchpost.Evaluation;

/// <summary>One event that `eval behaviour` saw: a line of its --out file (snake_case JSON).</summary>
/// <param name="StartS">
/// When the event began, as its alert's started_at says: the first observation on the new side of a line, the
/// entry into a zone for intrusion and loitering, the onset of a fall. In stream time, (frame − 1) / fps.
/// </param>
/// <param name="Frame">1-based frame of <paramref name="StartS"/>.</param>
/// <param name="FiredS">When the rule fired (raised the alert): at or after <paramref name="StartS"/>.</param>
/// <param name="TrackId">The object's track; null for a group event (gathering).</param>
/// <param name="Direction">The direction a line crossing went (a_to_b or b_to_a); null for other rules.</param>
/// <param name="EndS">When the event ended; null when it was still open at the end of the video.</param>
public sealed record EvaluatedEvent(
    string Video,
    string Rule,
    string Type,
    double StartS,
    int Frame,
    int? TrackId,
    string? Direction,
    double? EndS,
    IReadOnlyDictionary<string, object> Details)
{
    public double FiredS { get; init; }
}
