using Watchpost.Configuration;
using Watchpost.Tracking;

namespace Watchpost.Behaviours;

/// <summary>
/// Fires once when a confirmed track of a watched class has had its ground point (bottom-centre of the box)
/// inside the zone for at least the rule's duration. The same track fires again only after it has left the
/// zone and the cooldown has passed, so one person walking around inside is one event. Uses stream time only.
/// </summary>
public sealed class IntrusionRule
{
    private readonly RuleOptions _rule;
    private readonly ZoneOptions _zone;
    private readonly Polygon _polygon;
    private readonly bool[] _watchedClasses;
    private readonly IReadOnlyList<string> _labels;
    private readonly TimeSpan _duration;
    private readonly TimeSpan _cooldown;
    private readonly Dictionary<int, Presence> _presence = [];
    private readonly HashSet<int> _seen = [];

    public IntrusionRule(RuleOptions rule, ZoneOptions zone, IReadOnlyList<string> labels)
    {
        _rule = rule;
        _zone = zone;
        _labels = labels;
        _polygon = new Polygon(zone.Polygon.Select(p => (p[0], p[1])));
        _watchedClasses = [.. labels.Select(l => rule.Classes.Count == 0 || rule.Classes.Contains(l, StringComparer.OrdinalIgnoreCase))];
        _duration = TimeSpan.FromSeconds(rule.DurationSeconds);
        _cooldown = TimeSpan.FromSeconds(rule.CooldownSeconds);
    }

    public string CameraId => _zone.Camera;

    public void Evaluate(TimeSpan timestamp, IReadOnlyList<Track> tracks, List<BehaviourEvent> into)
    {
        _seen.Clear();
        foreach (var track in tracks)
        {
            if (!track.IsConfirmed || track.ClassId < 0 || track.ClassId >= _watchedClasses.Length || !_watchedClasses[track.ClassId])
            {
                continue;
            }

            _seen.Add(track.Id);
            if (!_presence.TryGetValue(track.Id, out var presence))
            {
                _presence[track.Id] = presence = new Presence();
            }

            presence.LastSeen = timestamp;
            var (x, y) = track.Box.GroundPoint;
            if (!_polygon.Contains(x, y))
            {
                // A predicted (unmatched) box drifting out is not evidence of leaving: keep the visit open.
                if (track.IsMatched)
                {
                    presence.EndVisit();
                }

                continue;
            }

            presence.EnteredAt ??= timestamp;
            var dwell = timestamp - presence.EnteredAt.Value;
            var cooledDown = presence.FiredAt is null || timestamp - presence.FiredAt.Value >= _cooldown;
            if (track.IsMatched && dwell >= _duration && cooledDown && !presence.FiredInThisVisit)
            {
                presence.FiredAt = timestamp;
                presence.FiredInThisVisit = true;
                into.Add(new BehaviourEvent("intrusion", _rule.Id, _rule.Severity, _zone.Camera, _zone.Id, _labels[track.ClassId], track, timestamp, dwell));
            }
        }

        ForgetTracksGoneFor(timestamp);
    }

    private void ForgetTracksGoneFor(TimeSpan now)
    {
        // A track the tracker dropped has left; its state is kept for the cooldown so that a reused id stays cooled down.
        List<int>? stale = null;
        foreach (var (id, presence) in _presence)
        {
            if (_seen.Contains(id))
            {
                continue;
            }

            presence.EndVisit();
            if (now - presence.LastSeen > _cooldown)
            {
                (stale ??= []).Add(id);
            }
        }

        stale?.ForEach(id => _presence.Remove(id));
    }

    private sealed class Presence
    {
        public TimeSpan? EnteredAt { get; set; }
        public TimeSpan LastSeen { get; set; }
        public TimeSpan? FiredAt { get; set; }
        public bool FiredInThisVisit { get; set; }

        public void EndVisit()
        {
            EnteredAt = null;
            FiredInThisVisit = false;
        }
    }
}
