namespace Watchpost.Evaluation;

/// <summary>Scores rules as clip detectors (see <see cref="ClipScore"/>).</summary>
public static class ClipScoring
{
    /// <param name="videos">Each video's path with its events.</param>
    /// <param name="slack">How long after the labelled range an event still counts (the person reaching the ground ends a fall range early).</param>
    public static IReadOnlyList<ClipScore> Score(IReadOnlyList<(string Path, VideoEvents Events)> videos, ClipLabels labels, IEnumerable<(string Rule, string Type)> rules, TimeSpan slack)
    {
        ArgumentNullException.ThrowIfNull(videos);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rules);
        var scores = new List<ClipScore>();
        foreach (var (rule, type) in rules)
        {
            var outcomes = new List<ClipOutcome>();
            foreach (var (path, events) in videos)
            {
                if (labels.For(path) is not { } label)
                {
                    continue;
                }

                var starts = events.Events.Where(e => e.Rule == rule).Select(e => e.StartS).ToList();
                var inRange = starts.Where(s => (label.FromS is null || s >= label.FromS) && (label.ToS is null || s <= label.ToS + slack.TotalSeconds)).ToList();
                var correct = label.Positive ? inRange.Count > 0 : starts.Count == 0;
                var shown = label.Positive && inRange.Count > 0 ? inRange[0] : starts.Count > 0 ? starts[0] : (double?)null;
                outcomes.Add(new ClipOutcome(events.Video, label.Positive, label.FromS, label.ToS, shown, correct));
            }

            var tp = outcomes.Count(o => o.Positive && o.Correct);
            var fn = outcomes.Count(o => o.Positive && !o.Correct);
            var tn = outcomes.Count(o => !o.Positive && o.Correct);
            var fp = outcomes.Count(o => !o.Positive && !o.Correct);
            scores.Add(new ClipScore(rule, type, tp, fp, tn, fn,
                outcomes.Count == 0 ? 0 : Math.Round((double)(tp + tn) / outcomes.Count, 3),
                tp + fp == 0 ? null : Math.Round((double)tp / (tp + fp), 3),
                tp + fn == 0 ? null : Math.Round((double)tp / (tp + fn), 3),
                outcomes));
        }

        return scores;
    }
}
