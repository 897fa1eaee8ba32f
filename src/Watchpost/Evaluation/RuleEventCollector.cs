using Watchpost.Behaviours;

namespace Watchpost.Evaluation;

/// <summary>Turns the engine's lifecycle steps over one video into <see cref="EvaluatedEvent"/>s (start, end, details).</summary>
internal sealed class RuleEventCollector(string video)
{
    private readonly List<EvaluatedEvent> _events = [];
    private readonly Dictionary<string, int> _open = [];

    public IReadOnlyList<EvaluatedEvent> Events => _events;

    public void Add(IEnumerable<BehaviourEvent> steps, int frame)
    {
        foreach (var step in steps)
        {
            switch (step.Phase)
            {
                case RulePhase.Started:
                    _open[step.EventId] = _events.Count;
                    _events.Add(new EvaluatedEvent(video, step.Rule.RuleId, step.Rule.Type, Math.Round(step.Timestamp.TotalSeconds, 3), frame,
                        step.Signal.TrackId, step.Signal.Details.TryGetValue("direction", out var d) ? d as string : null, null, step.Signal.Details));
                    break;
                case RulePhase.Ended when _open.Remove(step.EventId, out var index):
                    _events[index] = _events[index] with { EndS = Math.Round(step.Timestamp.TotalSeconds, 3), Details = step.Signal.Details };
                    break;
            }
        }
    }
}
