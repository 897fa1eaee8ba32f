using Watchpost.Behaviours;

namespace Watchpost.Evaluation;

/// <summary>Turns the engine's lifecycle steps over one video into <see cref="EvaluatedEvent"/>s (start, end, details).</summary>
internal sealed class RuleEventCollector(string video, double fps)
{
    private readonly List<EvaluatedEvent> _events = [];
    private readonly Dictionary<string, int> _open = [];

    public IReadOnlyList<EvaluatedEvent> Events => _events;

    public void Add(IEnumerable<BehaviourEvent> steps)
    {
        foreach (var step in steps)
        {
            switch (step.Phase)
            {
                case RulePhase.Started:
                    _open[step.EventId] = _events.Count;
                    var start = step.Signal.StartedAt.TotalSeconds;
                    _events.Add(new EvaluatedEvent(video, step.Rule.RuleId, step.Rule.Type, Math.Round(start, 3), (int)Math.Round(start * fps) + 1,
                        step.Signal.TrackId, step.Signal.Details.TryGetValue("direction", out var d) ? d as string : null, null, step.Signal.Details)
                    {
                        FiredS = Math.Round(step.Timestamp.TotalSeconds, 3),
                    });
                    break;
                case RulePhase.Ended when _open.Remove(step.EventId, out var index):
                    _events[index] = _events[index] with { EndS = Math.Round(step.Timestamp.TotalSeconds, 3), Details = step.Signal.Details };
                    break;
            }
        }
    }
}
