using Watchpost.Behaviours.Geometry;
using Watchpost.Behaviours.Objects;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.ObjectRemoved;

/// <summary>
/// Fires when an object that stood still in the zone for <c>presentSeconds</c> is no longer there for
/// <c>durationSeconds</c>. The rule keeps its own memory of such objects by place (the tracker forgets lost
/// tracks after a few seconds, and a bag re-detected gets a new id): a place counts as occupied while any track
/// of a watched class overlaps it, and as hidden while a person's box covers it, since the detector cannot see
/// a bag behind someone standing in front of it, so only the time neither seen nor hidden counts as missing.
/// The event ends when an object is back in the place, or after <see cref="ForgetAfter"/>.
/// </summary>
public sealed class ObjectRemovedRule : IBehaviourRule
{
    /// <summary>An object that has not yet become part of the scene is forgotten after this long unseen.</summary>
    public static readonly TimeSpan ForgetGap = TimeSpan.FromSeconds(2);

    /// <summary>An empty place's event ends, and the place is forgotten, this long after the alert.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(60);

    /// <summary>Places remembered at most (the oldest not yet established go first).</summary>
    public const int MaxPlaces = 256;

    private readonly TrackFilter _filter;
    private readonly Polygon _zone;
    private readonly TimeSpan _duration;
    private readonly TimeSpan _present;
    private readonly int _personClass;
    private readonly Dictionary<int, SampleRing> _tracks = [];
    private readonly Dictionary<int, TimeSpan> _trackSeen = [];
    private readonly Stack<SampleRing> _spare = [];
    private readonly List<int> _gone = [];
    private readonly List<ObjectPlace> _places = [];
    private long _episodes;

    public ObjectRemovedRule(ObjectRemovedRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _filter = context.Filter(options);
        _zone = context.Polygon(options.Zone);
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
        _present = TimeSpan.FromSeconds(options.PresentSeconds);
        _personClass = ObjectRules.PersonClass(context.Labels);
    }

    public RuleIdentity Identity { get; }

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        var now = frame.Timestamp;
        // By index: foreach over the IReadOnlyList would box its enumerator every frame.
        for (var index = 0; index < frame.Tracks.Count; index++)
        {
            var track = frame.Tracks[index];
            if (track.IsMatched && _filter.Accepts(track))
            {
                Observe(track, now);
            }
        }

        Forget(now);
        foreach (var place in _places)
        {
            Step(place, frame.Tracks, now, into);
        }

        _places.RemoveAll(static p => p.Dropped);
    }

    private void Observe(in Track track, TimeSpan now)
    {
        if (!_tracks.TryGetValue(track.Id, out var ring))
        {
            ring = _spare.Count > 0 ? _spare.Pop() : new SampleRing();
            _tracks[track.Id] = ring;
        }

        _trackSeen[track.Id] = now;
        ring.Add(StationaryCheck.CentreSample(now, track.Box));
        ring.Trim(StationaryCheck.Window * 2);
        var stationary = StationaryCheck.IsStationary(ring);
        foreach (var place in _places)
        {
            if (StationaryCheck.SamePlace(place.Box, track.Box))
            {
                place.LastPresent = now;
                if (stationary)
                {
                    place.LastStill = now;
                }

                (place.TrackId, place.ClassId, place.Score) = (track.Id, track.ClassId, track.Score);
                return;
            }
        }

        var (gx, gy) = track.Box.GroundPoint;
        if (stationary && _zone.Contains(gx, gy))
        {
            if (_places.Count >= MaxPlaces)
            {
                var oldest = _places.FindIndex(static p => !p.Established);
                if (oldest < 0)
                {
                    return;
                }

                _places.RemoveAt(oldest);
            }

            _places.Add(new ObjectPlace
            {
                Box = track.Box, ClassId = track.ClassId, TrackId = track.Id, Score = track.Score,
                Since = now - ring.Span, LastPresent = now, LastStill = now, LastAccounted = now,
            });
        }
    }

    private void Step(ObjectPlace place, IReadOnlyList<Track> tracks, TimeSpan now, List<RuleSignal> into)
    {
        var present = place.LastPresent == now;
        if (present || Hidden(place.Box, tracks))
        {
            place.LastAccounted = now;
        }

        if (!place.Established)
        {
            if (now - place.LastAccounted >= ForgetGap)
            {
                place.Dropped = true;   // it was passing by, or stopped only briefly
            }
            else if (present && now - place.Since >= _present)
            {
                place.Established = true;
            }

            return;
        }

        if (place.Fired)
        {
            // Back means standing there again: a car driving over an empty bike space is not the bike back.
            var back = place.LastStill == now;
            if (back || now - place.FiredAt >= ForgetAfter)
            {
                into.Add(Signal(RulePhase.Ended, place, now));
                place.Fired = false;
                place.Dropped = !back;
                place.Since = now;
                place.Established = false;   // back: it must stand again before another removal counts
            }

            return;
        }

        if (now - place.LastAccounted >= _duration)
        {
            place.Fired = true;
            place.FiredAt = now;
            place.MissingFrom = place.LastAccounted;
            place.Key = ++_episodes;
            into.Add(Signal(RulePhase.Started, place, now));
        }
    }

    private bool Hidden(BoundingBox box, IReadOnlyList<Track> tracks)
    {
        foreach (var person in tracks)
        {
            if (ObjectRules.IsPerson(person, _personClass) && StationaryCheck.Covered(box, person.Box) >= StationaryCheck.HiddenFraction)
            {
                return true;
            }
        }

        return false;
    }

    private void Forget(TimeSpan now)
    {
        foreach (var (id, seen) in _trackSeen)
        {
            if (now - seen >= ForgetGap)
            {
                _gone.Add(id);
            }
        }

        foreach (var id in _gone)
        {
            _trackSeen.Remove(id);
            if (_tracks.Remove(id, out var ring))
            {
                ring.Clear();
                _spare.Push(ring);
            }
        }

        _gone.Clear();
    }

    private RuleSignal Signal(RulePhase phase, ObjectPlace place, TimeSpan now) =>
        new(phase, place.Key, place.TrackId, _filter.ClassName(place.ClassId), place.Box, place.Score, place.MissingFrom,
            new Dictionary<string, object>
            {
                ["zone"] = Identity.ZoneId!,
                ["duration_s"] = Math.Round((now - place.MissingFrom).TotalSeconds, 2),
                ["present_s"] = Math.Round((place.MissingFrom - place.Since).TotalSeconds, 1),
            });
}
