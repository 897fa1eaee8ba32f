using Watchpost.Tracking;

namespace Watchpost.Behaviours.Geometry;

/// <summary>
/// Who is inside a zone, with hysteresis: a stay begins at the first observation of an object's ground point
/// inside the polygon and ends only once the object has been outside (or unseen) for <c>exitGrace</c>, so a
/// track flickering across the edge, or lost for a moment, stays one stay. Predicted (unmatched) boxes never
/// begin or end a stay on their own. Shared by every zone rule; one instance per rule.
/// </summary>
public sealed class ZoneStays(Polygon polygon, TrackFilter filter, TimeSpan exitGrace)
{
    private readonly Dictionary<int, ZoneStay> _stays = [];
    private readonly HashSet<int> _seenOutside = [];
    private readonly List<ZoneStay> _begun = [];
    private readonly List<ZoneStay> _ended = [];
    private readonly List<int> _remove = [];

    public Polygon Polygon => polygon;

    public TrackFilter Filter => filter;

    /// <summary>Open stays, by track id.</summary>
    public IReadOnlyDictionary<int, ZoneStay> Open => _stays;

    /// <summary>The open stays, enumerable without allocating (a rule walks them every frame).</summary>
    public Dictionary<int, ZoneStay>.ValueCollection OpenStays => _stays.Values;

    /// <summary>Stays that began on the last frame.</summary>
    public IReadOnlyList<ZoneStay> Begun => _begun;

    /// <summary>Stays that ended on the last frame (already removed from <see cref="Open"/>).</summary>
    public IReadOnlyList<ZoneStay> Ended => _ended;

    /// <summary>A signal about <paramref name="stay"/>'s object: its track, class, latest box and score.</summary>
    public RuleSignal Signal(RulePhase phase, ZoneStay stay, TimeSpan startedAt, IReadOnlyDictionary<string, object> details)
    {
        ArgumentNullException.ThrowIfNull(stay);
        return new(phase, stay.TrackId, stay.TrackId, filter.ClassName(stay.Track.ClassId), stay.Track.Box, stay.Track.Score, startedAt, details);
    }

    public void Update(in RuleFrame frame)
    {
        _begun.Clear();
        _ended.Clear();
        var now = frame.Timestamp;
        var tracks = frame.Tracks;
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            if (!filter.WatchesClass(track.ClassId) || !track.IsMatched)
            {
                if (_stays.TryGetValue(track.Id, out var predicted) && !track.IsMatched)
                {
                    // A prediction is no evidence of leaving: the stay goes on until the object is seen outside or dropped.
                    predicted.LastSeen = now;
                    predicted.LastInside = now;
                    predicted.Track = track;
                }

                continue;
            }

            var (x, y) = track.Box.GroundPoint;
            var inside = polygon.Contains(x, y);
            if (_stays.TryGetValue(track.Id, out var stay))
            {
                stay.Track = track;
                stay.LastSeen = now;
                stay.LastMatched = now;
                if (inside)
                {
                    stay.LastInside = now;
                    stay.LeftAt = null;
                }
                else
                {
                    stay.LeftAt ??= now;
                }
            }
            else if (inside && filter.Accepts(track))
            {
                stay = new ZoneStay(track, now, _seenOutside.Remove(track.Id));
                _stays[track.Id] = stay;
                _begun.Add(stay);
            }
            else if (!inside)
            {
                _seenOutside.Add(track.Id);
            }
        }

        foreach (var (id, stay) in _stays)
        {
            if (now - stay.LastInside >= exitGrace)
            {
                _remove.Add(id);
                _ended.Add(stay);
                if (now - stay.LastSeen < exitGrace)
                {
                    _seenOutside.Add(id);
                }
            }
        }

        foreach (var id in _remove)
        {
            _stays.Remove(id);
        }

        _remove.Clear();
        if (_seenOutside.Count > 4096)
        {
            _seenOutside.Clear();   // ids only grow; old ones are long gone
        }
    }
}

/// <summary>One object's stay in a zone.</summary>
public sealed class ZoneStay(Track track, TimeSpan enteredAt, bool cameFromOutside)
{
    public int TrackId => Track.Id;

    /// <summary>The object's latest track (its box may be a prediction).</summary>
    public Track Track { get; internal set; } = track;

    /// <summary>Stream time of the first observation inside.</summary>
    public TimeSpan EnteredAt { get; } = enteredAt;

    /// <summary>Stream time of the latest observation inside (where the stay ends if it ends).</summary>
    public TimeSpan LastInside { get; internal set; } = enteredAt;

    public TimeSpan LastSeen { get; internal set; } = enteredAt;

    /// <summary>Stream time of the latest matched observation (inside or out); predictions do not move it.</summary>
    public TimeSpan LastMatched { get; internal set; } = enteredAt;

    /// <summary>True when the object was seen outside the zone before this stay: it walked in rather than appeared inside.</summary>
    public bool CameFromOutside { get; } = cameFromOutside;

    /// <summary>
    /// Stream time of the first observation outside since the latest one inside, or null while the object is
    /// (last seen) inside; set on a stay that ended means the object was seen leaving rather than lost.
    /// </summary>
    public TimeSpan? LeftAt { get; internal set; }

    /// <summary>For the rule that owns the stays: whether it has already fired for this stay.</summary>
    public bool Fired { get; set; }

    /// <summary>For the rule that owns the stays: when it last reported this stay (e.g. its last update).</summary>
    public TimeSpan LastReported { get; set; }

    public TimeSpan Dwell(TimeSpan now) => now - EnteredAt;
}
