namespace Watchpost.Evaluation;

/// <summary>
/// Scores raised events against true ones, rule by rule: a raised event matches a true event of the same rule
/// and direction that started within the tolerance; each true event is matched at most once, closest first.
/// </summary>
public static class EventMatching
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<RuleScore> Score(IReadOnlyList<EvaluatedEvent> truth, IReadOnlyList<EvaluatedEvent> raised, IEnumerable<(string Rule, string Type)> rules, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(raised);
        ArgumentNullException.ThrowIfNull(rules);
        var scores = new List<RuleScore>();
        foreach (var (rule, type) in rules)
        {
            var t = truth.Where(e => e.Rule == rule).ToList();
            var r = raised.Where(e => e.Rule == rule).ToList();
            var pairs = new List<(double Gap, int True, int Raised)>();
            for (var i = 0; i < t.Count; i++)
            {
                for (var j = 0; j < r.Count; j++)
                {
                    var gap = Math.Abs(t[i].StartS - r[j].StartS);
                    if (t[i].Video == r[j].Video && gap <= tolerance.TotalSeconds && t[i].Direction == r[j].Direction)
                    {
                        pairs.Add((gap, i, j));
                    }
                }
            }

            var usedTrue = new bool[t.Count];
            var usedRaised = new bool[r.Count];
            var matched = 0;
            foreach (var (_, i, j) in pairs.OrderBy(p => p.Gap))
            {
                if (!usedTrue[i] && !usedRaised[j])
                {
                    usedTrue[i] = usedRaised[j] = true;
                    matched++;
                }
            }

            scores.Add(new RuleScore(rule, type, t.Count, r.Count, matched,
                r.Count == 0 ? null : Math.Round((double)matched / r.Count, 3),
                t.Count == 0 ? null : Math.Round((double)matched / t.Count, 3)));
        }

        return scores;
    }
}
