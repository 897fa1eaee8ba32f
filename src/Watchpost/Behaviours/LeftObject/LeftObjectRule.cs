using Watchpost.Behaviours.Geometry;
using Watchpost.Behaviours.Objects;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.LeftObject;

/// <summary>
/// Fires when an object of the watched classes stands still (see <see cref="StationaryCheck"/>) with its owner
/// away for <c>durationSeconds</c>. The owner is the person nearest to the object when the rule first saw it
/// (within <see cref="OwnerSearch"/> of their height); away means gone from the scene or further than
/// <see cref="AwayDistance"/> of their height from it. An object first seen with nobody near has no owner and
/// counts as left while no person is that near. The rule remembers objects by place as well as by track, so
/// a bag whose track is lost and found again under a new id is still the same bag, and a person standing in
/// front of it does not end it. The event ends when the object has been gone (not seen, not hidden) for
/// <see cref="TakenGrace"/>, or is carried off.
/// </summary>
public sealed class LeftObjectRule : IBehaviourRule
{
    /// <summary>The owner is the nearest person within this many of their heights when the object first shows.</summary>
    public const float OwnerSearch = 3f;

    /// <summary>The owner is away beyond this many of their heights (ground point to ground point).</summary>
    public const float AwayDistance = 1.5f;

    /// <summary>How long an object must be missing (not hidden) to count as taken, or forgotten before it fired.</summary>
    public static readonly TimeSpan TakenGrace = TimeSpan.FromSeconds(3);

    private readonly TrackFilter _filter;
    private readonly Polygon? _zone;
    private readonly TimeSpan _duration;
    private readonly int _personClass;
    private readonly List<LeftCandidate> _objects = [];
    private readonly Stack<LeftCandidate> _spare = [];
    private long _episodes;

    public LeftObjectRule(LeftObjectRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _filter = context.Filter(options);
        _zone = string.IsNullOrEmpty(options.Zone) ? null : context.Polygon(options.Zone);
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
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
                Observe(track, frame.Tracks, now);
            }
        }

        for (var i = _objects.Count - 1; i >= 0; i--)
        {
            var o = _objects[i];
            if (o.LastSeen == now || Hidden(o.Box, frame.Tracks))
            {
                o.LastAccounted = now;
            }

            if (o.Fired)
            {
                var carried = o.LastSeen == now && !StationaryCheck.IsStationary(o.Samples) && Moved(o);
                if (carried || now - o.LastAccounted >= TakenGrace)
                {
                    into.Add(Signal(RulePhase.Ended, o, carried ? now : o.LastAccounted));
                    Drop(i);
                }

                continue;
            }

            if (now - o.LastAccounted >= TakenGrace)
            {
                Drop(i);
                continue;
            }

            if (o.LastSeen != now)
            {
                continue;   // unseen (hidden or missed): hold the state
            }

            var (gx, gy) = o.Box.GroundPoint;
            var left = (_zone is null || _zone.Contains(gx, gy)) && StationaryCheck.IsStationary(o.Samples) && OwnerAway(o, frame.Tracks);
            if (!left)
            {
                o.LeftSince = null;
            }
            else if ((o.LeftSince ??= now) is var since && now - since >= _duration)
            {
                o.Fired = true;
                o.Key = ++_episodes;
                o.FiredAt = now;
                into.Add(Signal(RulePhase.Started, o, now));
            }
        }
    }

    private void Observe(in Track track, IReadOnlyList<Track> tracks, TimeSpan now)
    {
        var o = Find(track, tracks, now);
        if (o is null)
        {
            o = _spare.Count > 0 ? _spare.Pop() : new LeftCandidate();
            o.Begin(track, now);
            ChooseOwner(o, tracks);
            _objects.Add(o);
        }

        o.TrackId = track.Id;
        o.ClassId = track.ClassId;
        o.Box = track.Box;
        o.Score = track.Score;
        o.LastSeen = now;
        o.Samples.Add(StationaryCheck.CentreSample(now, track.Box));
        o.Samples.Trim(StationaryCheck.Window * 2);
    }

    /// <summary>The object by its track, else one at the same place whose track the tracker no longer has (a new track of the same bag).</summary>
    private LeftCandidate? Find(in Track track, IReadOnlyList<Track> tracks, TimeSpan now)
    {
        LeftCandidate? byPlace = null;
        foreach (var o in _objects)
        {
            if (o.TrackId == track.Id)
            {
                return o;
            }

            if (byPlace is null && o.LastSeen != now && StationaryCheck.SamePlace(o.Box, track.Box) && !Tracked(o.TrackId, tracks))
            {
                byPlace = o;
            }
        }

        return byPlace;
    }

    private static bool Tracked(int id, IReadOnlyList<Track> tracks)
    {
        foreach (var t in tracks)
        {
            if (t.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private void ChooseOwner(LeftCandidate o, IReadOnlyList<Track> tracks)
    {
        var (ox, oy) = o.Box.GroundPoint;
        var best = float.MaxValue;
        foreach (var person in tracks)
        {
            if (!ObjectRules.IsPerson(person, _personClass))
            {
                continue;
            }

            var d = Distance(person.Box, ox, oy);
            if (d <= OwnerSearch * person.Box.Height && d < best)
            {
                best = d;
                o.OwnerId = person.Id;
                o.OwnerBox = person.Box;
            }
        }
    }

    private bool OwnerAway(LeftCandidate o, IReadOnlyList<Track> tracks)
    {
        var (ox, oy) = o.Box.GroundPoint;
        if (o.OwnerId is { } owner)
        {
            foreach (var person in tracks)
            {
                if (person.Id == owner && person.ClassId == _personClass)
                {
                    o.OwnerBox = person.Box;
                    o.Distance = Distance(person.Box, ox, oy);
                    return o.Distance > AwayDistance * person.Box.Height;
                }
            }

            o.Distance = Distance(o.OwnerBox, ox, oy);
            return true;   // the owner has left the scene
        }

        // No owner known: left while nobody is near.
        o.Distance = float.MaxValue;
        foreach (var person in tracks)
        {
            if (ObjectRules.IsPerson(person, _personClass))
            {
                var d = Distance(person.Box, ox, oy);
                o.Distance = Math.Min(o.Distance, d);
                if (d <= AwayDistance * person.Box.Height)
                {
                    return false;
                }
            }
        }

        return true;
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

    private static bool Moved(LeftCandidate o)
    {
        var (dx, dy) = (o.Box.CenterX - o.PlaceBox.CenterX, o.Box.CenterY - o.PlaceBox.CenterY);
        var size = Math.Max(o.PlaceBox.Width, o.PlaceBox.Height);
        return dx * dx + dy * dy > size * size;
    }

    private static float Distance(BoundingBox person, float x, float y)
    {
        var (px, py) = person.GroundPoint;
        return MathF.Sqrt((px - x) * (px - x) + (py - y) * (py - y));
    }

    private void Drop(int index)
    {
        _spare.Push(_objects[index]);
        _objects.RemoveAt(index);
    }

    private RuleSignal Signal(RulePhase phase, LeftCandidate o, TimeSpan now)
    {
        if (phase == RulePhase.Started)
        {
            o.PlaceBox = o.Box;
        }

        var details = new Dictionary<string, object>
        {
            ["distance"] = o.Distance == float.MaxValue ? -1d : Math.Round(o.Distance, 1),
            ["duration_s"] = Math.Round((now - (o.LeftSince ?? now)).TotalSeconds, 2),
        };
        if (o.OwnerId is { } owner)
        {
            details["owner_track_id"] = (long)owner;
        }

        if (Identity.ZoneId is { } zone)
        {
            details["zone"] = zone;
        }

        return new RuleSignal(phase, o.Key, o.TrackId, _filter.ClassName(o.ClassId), o.PlaceBox, o.Score, o.LeftSince ?? now, details);
    }
}
