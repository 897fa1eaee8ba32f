namespace Watchpost.Behaviours;

/// <summary>
/// Runs one camera's rules on each frame and turns their signals into events: a rule that fires while disarmed
/// (by schedule or by an operator) or within its cooldown raises nothing, and that episode's updates and end
/// are dropped with it; an event that passes gets its id here, when the rule fires, and keeps it through its
/// updates (at most one a second) and its end. Rules run whether armed or not, so that their state (who has
/// been in the zone how long) is right at the moment they are armed. Not thread-safe: one frame at a time.
/// </summary>
public sealed class CameraRuleEngine
{
    /// <summary>Updates of one event closer together than this are not passed on (its end carries the final figures).</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);

    private readonly Slot[] _slots;
    private readonly IRuleArming _arming;
    private readonly List<RuleSignal> _signals = [];

    /// <param name="occupancy">The camera's zones, counted on every frame whatever the rules and their arming; none when null.</param>
    public CameraRuleEngine(IEnumerable<ConfiguredRule> rules, IRuleArming? arming = null, ZoneOccupancy? occupancy = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _slots = [.. rules.Select(r => new Slot(r))];
        _arming = arming ?? AlwaysArmed.Instance;
        NeedsMotion = _slots.Any(s => s.Rule.Rule.NeedsMotion);
        Occupancy = occupancy ?? new ZoneOccupancy([], []);
    }

    /// <summary>Live counts per zone and class of the camera (read from any thread with <see cref="ZoneOccupancy.Snapshot"/>).</summary>
    public ZoneOccupancy Occupancy { get; }

    /// <summary>True when a rule reads <see cref="RuleFrame.Motion"/>.</summary>
    public bool NeedsMotion { get; }

    /// <param name="wallClock">The frame's wall-clock time, for schedules (rules themselves use stream time).</param>
    public void Evaluate(in RuleFrame frame, DateTimeOffset wallClock, List<BehaviourEvent> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        Occupancy.Update(frame.Timestamp, frame.Tracks);
        foreach (var slot in _slots)
        {
            _signals.Clear();
            slot.Rule.Rule.Evaluate(frame, _signals);
            if (_signals.Count == 0)
            {
                continue;
            }

            var armed = slot.Rule.Enabled && slot.Rule.Schedule.Contains(wallClock) && _arming.IsArmed(slot.Rule.Rule.Identity);
            foreach (var signal in _signals)
            {
                slot.Pass(signal, armed, frame.Timestamp, into);
            }
        }
    }

    /// <summary>Ends every open event (the camera stops): each gets an end at <paramref name="timestamp"/>.</summary>
    public void CloseAll(TimeSpan timestamp, List<BehaviourEvent> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var slot in _slots)
        {
            foreach (var (key, open) in slot.Open)
            {
                into.Add(new BehaviourEvent(open.EventId, slot.Rule.Rule.Identity, open.Latest with { Phase = RulePhase.Ended, Key = key }, timestamp));
            }

            slot.Open.Clear();
        }
    }

    private sealed class Slot(ConfiguredRule rule)
    {
        private readonly Dictionary<int, TimeSpan> _lastFiredByTrack = [];
        private TimeSpan? _lastFiredWithoutTrack;

        public ConfiguredRule Rule => rule;

        public Dictionary<long, OpenEvent> Open { get; } = [];

        public void Pass(in RuleSignal signal, bool armed, TimeSpan now, List<BehaviourEvent> into)
        {
            switch (signal.Phase)
            {
                case RulePhase.Started when !armed || CoolingDown(signal.TrackId, now):
                    // Not opened, so the episode's updates and end find nothing to pass on.
                    break;
                case RulePhase.Started:
                    var id = Guid.CreateVersion7().ToString("N");
                    Open[signal.Key] = new OpenEvent(id, now, signal);
                    Fired(signal.TrackId, now);
                    into.Add(new BehaviourEvent(id, rule.Rule.Identity, signal, now));
                    break;
                case RulePhase.Updated when Open.TryGetValue(signal.Key, out var open):
                    open.Latest = signal;
                    if (now - open.LastPassed >= UpdateInterval)
                    {
                        open.LastPassed = now;
                        into.Add(new BehaviourEvent(open.EventId, rule.Rule.Identity, signal, now));
                    }

                    break;
                case RulePhase.Ended when Open.Remove(signal.Key, out var ended):
                    into.Add(new BehaviourEvent(ended.EventId, rule.Rule.Identity, signal, now));
                    break;
            }
        }

        private bool CoolingDown(int? trackId, TimeSpan now)
        {
            TimeSpan? last = trackId is { } t ? (_lastFiredByTrack.TryGetValue(t, out var at) ? at : null) : _lastFiredWithoutTrack;
            return last is { } l && now - l < rule.Cooldown;
        }

        private void Fired(int? trackId, TimeSpan now)
        {
            if (trackId is not { } t)
            {
                _lastFiredWithoutTrack = now;
                return;
            }

            if (_lastFiredByTrack.Count > 1024)
            {
                // Forget tracks whose cooldown is over (ids only grow).
                foreach (var (old, at) in _lastFiredByTrack)
                {
                    if (now - at >= rule.Cooldown)
                    {
                        _lastFiredByTrack.Remove(old);
                    }
                }
            }

            _lastFiredByTrack[t] = now;
        }
    }

    private sealed class OpenEvent(string eventId, TimeSpan startedAt, RuleSignal latest)
    {
        public string EventId => eventId;

        public TimeSpan LastPassed { get; set; } = startedAt;

        public RuleSignal Latest { get; set; } = latest;
    }
}
